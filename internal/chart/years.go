package chart

import (
	"html/template"
	"sort"
	"strconv"
	"strings"
)

// YearCount is the number of cases of one year.
type YearCount struct {
	Year  int
	Count int
}

// Layout of the year chart, in viewBox units.
const (
	yearsHeight = 212
	plotRight   = 352 // chartWidth less a margin
	plotTop     = 24  // room for a count above the tallest column
	plotBottom  = 180
	yearLabelW  = 44 // a year label and a gap
	countAboveW = 28 // a column slot at least this wide shows its count above it
)

// Years draws a column chart over years: one slot for every year from the first to the
// last given, so years without cases are gaps; a count axis with a few round steps;
// year labels as often as they fit; each column's count above it when there is room.
// Counts given twice for one year are added.
func Years(years []YearCount, o Options) template.HTML {
	if o.Title == "" {
		o.Title = "Cases per year"
	}
	counts := map[int]int{}
	for _, y := range years {
		counts[y.Year] += y.Count
	}
	ys := make([]int, 0, len(counts))
	most := 0
	for y, n := range counts {
		ys = append(ys, y)
		most = max(most, n)
	}
	sort.Ints(ys)
	if len(ys) == 0 || most <= 0 {
		return empty(o, "chart chart-years")
	}
	first, last := ys[0], ys[len(ys)-1]
	c := NewCanvas(o, "chart chart-years", chartWidth, yearsHeight, chartPixels, describeYears(ys, counts))
	step := niceStep(most, 4)
	top := step * ((most + step - 1) / step)
	plotLeft := float64(len(Count(top))*9 + 10) // room for the longest count label
	yOf := func(v int) float64 { return plotBottom - float64(v)/float64(top)*(plotBottom-plotTop) }
	c.Open("g", A("class", "chart-axis"), A("fill", ColourMuted), A("text-anchor", "end"))
	for v := 0; v <= top; v += step {
		c.Empty("line", "", A("x1", plotLeft), A("x2", plotRight), A("y1", yOf(v)), A("y2", yOf(v)),
			A("stroke", ColourGrid), A("stroke-width", 1))
		c.Text("text", Count(v), A("x", plotLeft-6), A("y", yOf(v)+5))
	}
	c.Close("g")
	slot := (plotRight - plotLeft) / float64(last-first+1)
	every := 1
	for _, k := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000} {
		every = k
		if slot*float64(k) >= yearLabelW {
			break
		}
	}
	c.Open("g", A("class", "chart-years-labels"), A("fill", ColourText), A("text-anchor", "middle"))
	for y := first; y <= last; y++ {
		if y%every == 0 {
			c.Text("text", strconv.Itoa(y), A("x", plotLeft+slot*(float64(y-first)+0.5)), A("y", plotBottom+22))
		}
	}
	c.Close("g")
	for _, y := range ys {
		n := counts[y]
		if n <= 0 {
			continue
		}
		x := plotLeft + slot*float64(y-first)
		w := slot * 0.75
		if w < 1 {
			w = 1
		}
		c.Empty("rect", strconv.Itoa(y)+": "+Cases(n), A("x", x+(slot-w)/2), A("y", yOf(n)),
			A("width", w), A("height", plotBottom-yOf(n)), A("fill", ColourBar), A("class", "chart-bar"))
		if slot >= countAboveW {
			c.Text("text", Count(n), A("x", x+slot/2), A("y", yOf(n)-5), A("fill", ColourText),
				A("text-anchor", "middle"), A("font-size", 14), A("class", "chart-count"))
		}
	}
	return c.HTML()
}

// describeYears gives the total, the span and the busiest years.
func describeYears(ys []int, counts map[int]int) string {
	total, most := 0, 0
	for _, y := range ys {
		total += counts[y]
		most = max(most, counts[y])
	}
	first, last := ys[0], ys[len(ys)-1]
	if first == last {
		return Cases(total) + ", all in " + strconv.Itoa(first) + "."
	}
	var peaks []string
	for _, y := range ys {
		if counts[y] == most {
			peaks = append(peaks, strconv.Itoa(y))
		}
	}
	s := Cases(total) + " from " + strconv.Itoa(first) + " to " + strconv.Itoa(last)
	switch {
	case len(peaks) == 1:
		return s + "; the most in " + peaks[0] + " (" + Count(most) + ")."
	case len(peaks) <= 3:
		return s + "; the most in " + and(peaks) + " (" + Count(most) + " each)."
	}
	return s + "; at most " + Count(most) + " a year."
}

// and joins words as "a, b and c".
func and(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
