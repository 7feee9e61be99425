package chart

import (
	"html/template"
	"strings"
)

// Bar is one labelled count of a bar chart.
type Bar struct {
	Label string
	Count int
}

// Layout of the charts, in viewBox units: every chart is chartWidth wide and drawn
// chartPixels wide (1.125 times, the site's 18 px text over 16 units), shrinking with
// the page on small screens.
const (
	chartWidth  = 360
	chartPixels = "405"
	labelChars  = 42 // longest label drawn in full at 16 units across chartWidth
	barRow      = 48 // label line plus bar
	barHeight   = 18
	countSpace  = 56 // room right of the longest bar for its count
	descItems   = 10 // items named in a description before "and N more"
)

// Bars draws a horizontal bar chart: each bar's label on a line of its own above the
// bar, its count at the bar's end, bars in the given order and scaled to the largest
// count. Labels longer than about 42 characters are shortened with "…" (the full label
// is the text's tooltip and is in the description).
func Bars(bars []Bar, o Options) template.HTML {
	if o.Title == "" {
		o.Title = "Cases"
	}
	most := 0
	for _, b := range bars {
		most = max(most, b.Count)
	}
	if len(bars) == 0 {
		return empty(o, "chart chart-bars")
	}
	height := float64(len(bars)*barRow + 8)
	c := NewCanvas(o, "chart chart-bars", chartWidth, height, chartPixels, describeBars(bars))
	for i, b := range bars {
		top := float64(4 + i*barRow)
		c.Label(b.Label, labelChars, A("x", 0), A("y", top+16), A("fill", ColourText), A("class", "chart-label"))
		w := 0.0
		if b.Count > 0 {
			w = max(2, float64(b.Count)/float64(most)*(chartWidth-countSpace))
			c.Empty("rect", b.Label+": "+Cases(b.Count), A("x", 0), A("y", top+22), A("width", w),
				A("height", barHeight), A("fill", ColourBar), A("class", "chart-bar"))
		}
		c.Text("text", Count(b.Count), A("x", w+6), A("y", top+36), A("fill", ColourText), A("class", "chart-count"))
	}
	return c.HTML()
}

// describeBars names the bars and their counts, the first few in full.
func describeBars(bars []Bar) string {
	if len(bars) == 0 {
		return "No cases."
	}
	items := make([]string, 0, len(bars))
	for _, b := range bars {
		items = append(items, b.Label+": "+Cases(b.Count))
	}
	return List(items) + "."
}

// List joins items with "; " for a description, naming at most ten and counting the
// rest: "a; b; ...; and 3 more".
func List(items []string) string {
	if len(items) <= descItems {
		return strings.Join(items, "; ")
	}
	return strings.Join(items[:descItems], "; ") + "; and " + Count(len(items)-descItems) + " more"
}
