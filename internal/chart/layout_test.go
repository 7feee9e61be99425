package chart

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
)

// rects returns the title and the x, y, width and height of every titled rect.
func rects(t *testing.T, svg string) map[string][4]float64 {
	t.Helper()
	type rect struct {
		X      float64 `xml:"x,attr"`
		Y      float64 `xml:"y,attr"`
		Width  float64 `xml:"width,attr"`
		Height float64 `xml:"height,attr"`
		Title  string  `xml:"title"`
	}
	var doc struct {
		Rects []rect `xml:"rect"`
		Group []struct {
			Rects []rect `xml:"rect"`
		} `xml:"g"`
	}
	if err := xml.Unmarshal([]byte(svg), &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string][4]float64{}
	all := doc.Rects
	for _, g := range doc.Group {
		all = append(all, g.Rects...)
	}
	for _, r := range all {
		out[r.Title] = [4]float64{r.X, r.Y, r.Width, r.Height}
	}
	return out
}

func TestBarsScaleToTheLargest(t *testing.T) {
	svg := string(Bars([]Bar{{"A", 10}, {"B", 5}, {"C", 0}, {"D", 1}}, Options{ID: "b"}))
	r := rects(t, svg)
	full := float64(chartWidth - countSpace)
	if got := r["A: 10 cases"][2]; got != full {
		t.Errorf("largest bar is %v wide, want %v", got, full)
	}
	if got := r["B: 5 cases"][2]; got != full/2 {
		t.Errorf("half bar is %v wide, want %v", got, full/2)
	}
	if _, ok := r["C: 0 cases"]; ok {
		t.Error("a zero count has a bar")
	}
	if !strings.Contains(svg, ">0</text>") {
		t.Error("a zero count is not printed")
	}
	if got := r["D: 1 case"][2]; got < 2 {
		t.Errorf("smallest bar is %v wide, want at least 2", got)
	}
}

func TestYearsLeaveGaps(t *testing.T) {
	svg := string(Years([]YearCount{{2010, 2}, {2013, 4}, {2010, 2}}, Options{ID: "y"}))
	r := rects(t, svg)
	if len(r) != 2 {
		t.Fatalf("got %d columns, want 2: %v", len(r), r)
	}
	a, b := r["2010: 4 cases"], r["2013: 4 cases"]
	if a[3] != b[3] || a[3] <= 0 {
		t.Errorf("equal counts have heights %v and %v", a[3], b[3])
	}
	slot := (b[0] - a[0]) / 3 // 2010 to 2013 is three slots
	if slot <= a[2] {
		t.Errorf("slot %v not wider than a column %v: no room for the gap years", slot, a[2])
	}
	for _, y := range []string{"2010", "2011", "2012", "2013"} {
		if !strings.Contains(svg, ">"+y+"</text>") {
			t.Errorf("year %s has no label", y)
		}
	}
}

func TestYearLabelsThinOut(t *testing.T) {
	var ys []YearCount
	for y := 1900; y <= 2026; y++ {
		ys = append(ys, YearCount{y, 1})
	}
	svg := string(Years(ys, Options{ID: "y"}))
	labels := 0
	for y := 1900; y <= 2026; y++ {
		if strings.Contains(svg, ">"+strconv.Itoa(y)+"</text>") {
			labels++
			if y%20 != 0 {
				t.Errorf("label for %d, want labels only every 20 years", y)
			}
		}
	}
	if labels < 3 {
		t.Errorf("%d year labels, want several", labels)
	}
}

func TestMatrixCells(t *testing.T) {
	svg := string(Matrix([]string{"A", "B", "C"}, [][]int{{5, 4, 0}, {4, 6, 1}, {0, 1}}, Options{ID: "m"}))
	r := rects(t, svg)
	for _, title := range []string{"A: 5 cases", "A and B: 4 cases", "B and A: 4 cases", "A and C: 0 cases", "C: 0 cases", "C and B: 1 case"} {
		if _, ok := r[title]; !ok {
			t.Errorf("no cell %q", title)
		}
	}
	if len(r) != 9 {
		t.Errorf("%d cells, want 9", len(r))
	}
	for _, f := range []string{`fill="` + Shades[4] + `"`, `fill="` + Shades[1] + `"`, `fill="` + ColourPanel + `"`} {
		if !strings.Contains(svg, f) {
			t.Errorf("no cell with %s", f)
		}
	}
	if strings.Contains(svg, ">0</text></g>") {
		t.Error("an empty diagonal cell shows 0")
	}
}

func TestLongLabelsAreShortenedWithTheFullLabelAsTooltip(t *testing.T) {
	long := "Moving away from stove-piped funding towards pooled budgets across departments"
	tests := []struct {
		name string
		svg  string
	}{
		{"bars", string(Bars([]Bar{{long, 2}}, Options{ID: "b"}))},
		{"matrix key", string(Matrix([]string{long, "B"}, [][]int{{2, 1}, {1, 1}}, Options{ID: "m"}))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(tt.svg, "<title>"+long+"</title>Moving away from stove-piped") || !strings.Contains(tt.svg, "…</text>") {
				t.Errorf("long label not shortened with a tooltip:\n%s", tt.svg)
			}
			desc := tt.svg[strings.Index(tt.svg, "<desc"):strings.Index(tt.svg, "</desc>")]
			if !strings.Contains(desc, long) {
				t.Errorf("description %q lacks the full label", desc)
			}
		})
	}
}
