package worldmap

import (
	"bufio"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/chart"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// casebook are the country counts of the catalogue's 32 cases.
var casebook = map[string]int{
	"Canada": 9, "United States": 5, "United Kingdom": 3, "Brazil": 2, "Estonia": 2, "Australia": 1,
	"Colombia": 1, "Denmark": 1, "France": 1, "India": 1, "Mexico": 1, "New Zealand": 1, "Singapore": 1,
	"South Korea": 1, "International": 1, "European Union": 1,
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		counts map[string]int
	}{
		{"casebook", casebook},
		{"empty", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(Draw(tt.counts, chart.Options{ID: "map", Title: "Cases by country"})) + "\n"
			path := filepath.Join("testdata", tt.name+".html")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/worldmap -update)", err)
			}
			if got != string(want) {
				t.Errorf("map differs from %s (run with -update and look at the diff)", path)
			}
		})
	}
}

// allCounts gives every place on the map a different count: the largest map there is.
func allCounts() map[string]int {
	m := map[string]int{}
	i := 1
	for name := range places {
		m[name] = i * 37
		i++
	}
	return m
}

func TestMapIsSafeLabelledAndSmall(t *testing.T) {
	const limit = 60 << 10
	tests := []struct {
		name   string
		counts map[string]int
	}{
		{"casebook", casebook},
		{"empty", nil},
		{"every country", allCounts()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html := string(Draw(tt.counts, chart.Options{ID: "map"}))
			if err := chart.Check(html); err != nil {
				t.Error(err)
			}
			if strings.Contains(html, "style=") || strings.Contains(html, "<a") {
				t.Error("a style attribute or a link")
			}
			if len(html) > limit {
				t.Errorf("map markup is %d bytes, want at most %d", len(html), limit)
			}
			t.Logf("%s: %.1f KB", tt.name, float64(len(html))/1024)
		})
	}
}

func TestShadesAndTitles(t *testing.T) {
	html := string(Draw(map[string]int{"Canada": 9, "United States": 5, "France": 1, "International": 2, "USA": 1, "Peru": 0},
		chart.Options{ID: "m"}))
	for _, want := range []string{
		`fill="` + Shades[3] + `"><title>Canada: 9 cases</title>`,
		`fill="` + Shades[0] + `"><title>France: 1 case</title>`,
		`<title>United States: 5 cases</title>`,
		"Cases in 3 countries. Canada: 9 cases; United States: 5 cases; France: 1 case.",
		"Not on the map: International: 2 cases; USA: 1 case.",
		"<li>", "No cases</li>", "1 case</li>", "2 to 4 cases</li>", "5 to 9 cases</li>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("map lacks %q", want)
		}
	}
	for _, unwanted := range []string{"International: 2 cases</title>", "USA: 1 case</title>", "Peru"} {
		if strings.Contains(html, unwanted) {
			t.Errorf("map has %q", unwanted)
		}
	}
}

func TestNamesAreEscaped(t *testing.T) {
	html := string(Draw(map[string]int{`<script>alert(1)</script> & co`: 2, "Canada": 1}, chart.Options{ID: "m", Title: "Cases & <b>"}))
	if strings.Contains(html, "<script") || strings.Contains(html, "<b>") {
		t.Errorf("not escaped:\n%s", html[:400])
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt; &amp; co: 2 cases", "Cases &amp; &lt;b&gt;"} {
		if !strings.Contains(html, want) {
			t.Errorf("lacks %q", want)
		}
	}
}

// pathBox is the bounding box of the absolute points (each M) and the relative steps of
// SVG path data as the generator writes it.
func pathBox(t *testing.T, d string) (minX, minY, maxX, maxY float64) {
	t.Helper()
	num := regexp.MustCompile(`-?(\d+\.?\d*|\.\d+)`)
	minX, minY, maxX, maxY = 1e9, 1e9, -1e9, -1e9
	for _, sub := range strings.Split(d, "M")[1:] {
		vals := num.FindAllString(strings.TrimSuffix(sub, "z"), -1)
		var x, y float64
		for i := 0; i+1 < len(vals); i += 2 {
			dx, _ := strconv.ParseFloat(vals[i], 64)
			dy, _ := strconv.ParseFloat(vals[i+1], 64)
			if i == 0 {
				x, y = dx, dy
			} else {
				x, y = x+dx, y+dy
			}
			minX, maxX = min(minX, x), max(maxX, x)
			minY, maxY = min(minY, y), max(maxY, y)
		}
	}
	return minX, minY, maxX, maxY
}

func TestSmallStatesAreDotsBesideTheirNeighbours(t *testing.T) {
	tests := []struct{ state, neighbour string }{
		{"Singapore", "Malaysia"},
		{"Malta", "Italy"},
		{"Bahrain", "Qatar"},
		{"Hong Kong", "China"},
	}
	for _, tt := range tests {
		t.Run(tt.state, func(t *testing.T) {
			html := string(Draw(map[string]int{tt.state: 1}, chart.Options{ID: "m"}))
			if !strings.Contains(html, `<circle cx="`) || !strings.Contains(html, "<title>"+tt.state+": 1 case</title></circle>") {
				t.Fatalf("%s is not a dot:\n%s", tt.state, html[strings.Index(html, "worldmap-cases"):])
			}
			dot := places[tt.state]
			minX, minY, maxX, maxY := pathBox(t, places[tt.neighbour].path)
			const near = 15 // viewBox units, about 5 degrees
			if dot.cx < minX-near || dot.cx > maxX+near || dot.cy < minY-near || dot.cy > maxY+near {
				t.Errorf("%s at (%.1f, %.1f) is far from %s (%.1f..%.1f, %.1f..%.1f)", tt.state, dot.cx, dot.cy, tt.neighbour, minX, maxX, minY, maxY)
			}
		})
	}
}

func TestKnownRegionSuggest(t *testing.T) {
	tests := []struct {
		name          string
		known, region bool
		suggest       string
	}{
		{"Canada", true, false, "Canada"},
		{"United States", true, false, "United States"},
		{"Singapore", true, false, "Singapore"},
		{"Bosnia and Herzegovina", true, false, "Bosnia and Herzegovina"},
		{"International", false, true, "International"},
		{"European Union", false, true, "European Union"},
		{"USA", false, false, "United States"},
		{"United States of America", false, false, "United States"},
		{"canada", false, false, "Canada"},
		{" UK ", false, false, "United Kingdom"},
		{"Scotland", false, false, "United Kingdom"},
		{"EU", false, false, "European Union"},
		{"Bosnia and Herz.", false, false, ""},
		{"Narnia", false, false, ""},
		{"", false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Known(tt.name); got != tt.known {
				t.Errorf("Known(%q) = %v, want %v", tt.name, got, tt.known)
			}
			if got := Region(tt.name); got != tt.region {
				t.Errorf("Region(%q) = %v, want %v", tt.name, got, tt.region)
			}
			got, ok := Suggest(tt.name)
			if got != tt.suggest || ok != (tt.suggest != "") {
				t.Errorf("Suggest(%q) = %q, %v, want %q", tt.name, got, ok, tt.suggest)
			}
		})
	}
}

func TestTablesAgree(t *testing.T) {
	ne := map[string]bool{}
	for _, s := range shapes {
		ne[s.name] = true
	}
	for from, to := range plainNames {
		if !ne[from] {
			t.Errorf("plainNames renames %q, which Natural Earth does not have", from)
		}
		if ne[to] {
			t.Errorf("plainNames renames %q to %q, which is another country", from, to)
		}
	}
	if want := len(shapes) + len(smallStates); len(places) != want {
		t.Errorf("%d places from %d shapes and %d dots: a name is used twice", len(places), len(shapes), len(smallStates))
	}
	for from, to := range variants {
		if !Known(to) && !Region(to) {
			t.Errorf("variant %q points at %q, which is neither on the map nor a region", from, to)
		}
		if from != strings.ToLower(from) {
			t.Errorf("variant %q is not lower case", from)
		}
	}
	for _, r := range Regions() {
		if Known(r) {
			t.Errorf("region %q is also a country on the map", r)
		}
	}
}

func TestEveryCaseCountryIsOnTheMapOrARegion(t *testing.T) {
	files, err := filepath.Glob("../../content/cases/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	seen := 0
	for _, f := range files {
		country := frontMatter(t, f, "country")
		if country == "" {
			continue
		}
		seen++
		if !Known(country) && !Region(country) {
			t.Errorf("%s: country %q is neither on the map nor a region", f, country)
		}
	}
	if seen < len(files)/2 {
		t.Errorf("read a country from %d of %d case files", seen, len(files))
	}
}

// frontMatter returns a top-level key's plain value from a Markdown file's front matter.
func frontMatter(t *testing.T, path, key string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for n := 0; s.Scan(); n++ {
		line := s.Text()
		if line == "---" && n > 0 {
			break
		}
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			return strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return ""
}

func TestBuckets(t *testing.T) {
	tests := []struct {
		max    int
		lows   []int
		labels []string
	}{
		{0, nil, nil},
		{1, []int{1}, []string{"1 case"}},
		{2, []int{1, 2}, []string{"1 case", "2 cases"}},
		{5, []int{1, 2, 5}, []string{"1 case", "2 to 4 cases", "5 cases"}},
		{9, []int{1, 2, 5}, []string{"1 case", "2 to 4 cases", "5 to 9 cases"}},
		{3000, []int{1, 10, 50, 500}, []string{"1 to 9 cases", "10 to 49 cases", "50 to 499 cases", "500 to 3,000 cases"}},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.max), func(t *testing.T) {
			s := buckets(tt.max)
			if !slices.Equal(s.lows, tt.lows) {
				t.Errorf("buckets(%d) lows = %v, want %v", tt.max, s.lows, tt.lows)
			}
			for i, want := range tt.labels {
				if i < len(s.lows) {
					if got := s.label(i); got != want {
						t.Errorf("label %d = %q, want %q", i, got, want)
					}
				}
			}
			seen := map[string]bool{}
			for _, lo := range s.lows {
				c := s.colour(lo)
				if seen[c] {
					t.Errorf("two steps share colour %s", c)
				}
				seen[c] = true
			}
		})
	}
}

func TestColoursContrast(t *testing.T) {
	for _, s := range Shades {
		if got := chart.Contrast(s, chart.ColourPage); got < 3 {
			t.Errorf("shade %s is %.2f:1 against the page, want at least 3:1", s, got)
		}
	}
}

func BenchmarkDraw(b *testing.B) {
	counts := allCounts()
	for b.Loop() {
		Draw(counts, chart.Options{ID: "map"})
	}
}
