package chart

import (
	"flag"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// factors are the catalogue's nine success factors with made-up counts.
var factors = []Bar{
	{"A culture of collaboration", 25}, {"A focus on service users", 20}, {"Executive leadership", 14},
	{"Evidence and evaluation", 11}, {"Shared digital platforms", 9}, {"Moving away from stove-piped funding", 6},
	{"Tolerance of risk", 4}, {"Ideas from staff at every level", 2}, {"Capacity for human resource management", 1},
}

func factorLabels() []string {
	labels := make([]string, len(factors))
	for i, f := range factors {
		labels[i] = f.Label
	}
	return labels
}

// cooccurrence is a symmetric 9x9 matrix with each factor's own count on the diagonal.
func cooccurrence() [][]int {
	m := make([][]int, len(factors))
	for i := range m {
		m[i] = make([]int, len(factors))
		for j := range m[i] {
			switch {
			case i == j:
				m[i][j] = factors[i].Count
			case (i+j)%4 != 0:
				m[i][j] = min(factors[i].Count, factors[j].Count) * (9 - (i+j)%5) / 10
			}
		}
	}
	return m
}

// charts are the golden cases: fixed counts and the SVG they must give.
var charts = []struct {
	name string
	draw func() template.HTML
}{
	{"bars-factors", func() template.HTML { return Bars(factors, Options{ID: "factors", Title: "Cases per success factor"}) }},
	{"bars-levels", func() template.HTML {
		return Bars([]Bar{{"Local", 8}, {"Regional", 1}, {"Provincial or state", 6}, {"National", 15}, {"International", 2}},
			Options{ID: "levels", Title: "Cases per level of government"})
	}},
	{"bars-empty", func() template.HTML { return Bars(nil, Options{ID: "empty"}) }},
	{"years-gaps", func() template.HTML {
		return Years([]YearCount{{1989, 1}, {1997, 1}, {2001, 1}, {2002, 1}, {2003, 1}, {2004, 1}, {2005, 1}, {2006, 1},
			{2007, 1}, {2009, 1}, {2010, 4}, {2011, 1}, {2012, 3}, {2013, 2}, {2014, 4}, {2015, 3}, {2016, 2}, {2017, 1}, {2018, 2}},
			Options{ID: "years", Title: "Cases per year"})
	}},
	{"years-few", func() template.HTML {
		return Years([]YearCount{{2015, 3}, {2012, 1}, {2015, 2}}, Options{ID: "years-few"})
	}},
	{"years-thousands", func() template.HTML {
		var ys []YearCount
		for y := 1990; y <= 2026; y++ {
			ys = append(ys, YearCount{y, (y - 1985) * 97})
		}
		return Years(ys, Options{ID: "years-big"})
	}},
	{"matrix-factors", func() template.HTML {
		return Matrix(factorLabels(), cooccurrence(), Options{ID: "pairs", Title: "Success factors that occur together"})
	}},
	{"matrix-empty", func() template.HTML { return Matrix(nil, nil, Options{ID: "pairs-empty"}) }},
}

func TestGolden(t *testing.T) {
	for _, tt := range charts {
		t.Run(tt.name, func(t *testing.T) {
			got := string(tt.draw())
			path := filepath.Join("testdata", tt.name+".svg")
			if *update {
				if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/chart -update)", err)
			}
			if got+"\n" != string(want) {
				t.Errorf("%s differs from %s:\n%s", tt.name, path, got)
			}
		})
	}
}

func TestChartsAreSafeAndLabelled(t *testing.T) {
	for _, tt := range charts {
		t.Run(tt.name, func(t *testing.T) {
			svg := string(tt.draw())
			CheckSVG(t, svg)
			if strings.Contains(svg, "style=") || strings.Contains(svg, "<a") {
				t.Errorf("a style attribute or a link:\n%s", svg)
			}
		})
	}
}

// CheckSVG fails the test when Check finds a problem in svg.
func CheckSVG(t *testing.T, svg string) {
	t.Helper()
	if err := Check(svg); err != nil {
		t.Error(err)
	}
}

func TestLabelsAreEscaped(t *testing.T) {
	hostile := `<script>alert("x")</script> & 'co'`
	tests := []struct {
		name string
		svg  template.HTML
	}{
		{"bar label", Bars([]Bar{{hostile, 3}}, Options{ID: "x"})},
		{"long bar label", Bars([]Bar{{hostile + strings.Repeat(" & more", 10), 3}}, Options{ID: "x"})},
		{"title", Bars([]Bar{{"Local", 3}}, Options{ID: "x", Title: hostile})},
		{"years title", Years([]YearCount{{2010, 1}}, Options{ID: "x", Title: hostile})},
		{"matrix label", Matrix([]string{hostile, "B & C"}, [][]int{{1, 1}, {1, 1}}, Options{ID: "x"})},
		{"id prefix", Bars([]Bar{{"Local", 3}}, Options{ID: `"><script>`})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := string(tt.svg)
			if strings.Contains(s, "<script") || strings.Contains(s, `"x")`) {
				t.Errorf("label not escaped:\n%s", s)
			}
			if tt.name != "id prefix" && (!strings.Contains(s, "&lt;script&gt;") || !strings.Contains(s, "&amp;")) {
				t.Errorf("escaped label missing:\n%s", s)
			}
			CheckSVG(t, s)
		})
	}
}

func TestIDPrefix(t *testing.T) {
	tests := []struct{ in, want string }{
		{"years", "years"},
		{"factor chart", "factor-chart"},
		{"", "chart"},
		{"9lives", "chart-9lives"},
		{`"><b>`, "chart----b"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := cleanID(tt.in); got != tt.want {
				t.Errorf("cleanID(%q) = %q, want %q", tt.in, got, tt.want)
			}
			svg := string(Bars([]Bar{{"Local", 1}}, Options{ID: tt.in}))
			if !strings.Contains(svg, `aria-labelledby="`+tt.want+`-title"`) {
				t.Errorf("svg does not use id prefix %q:\n%s", tt.want, svg)
			}
		})
	}
}

func BenchmarkCharts(b *testing.B) {
	for b.Loop() {
		for _, c := range charts {
			c.draw()
		}
	}
}
