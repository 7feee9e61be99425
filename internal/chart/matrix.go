package chart

import (
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Layout of the matrix, in viewBox units.
const (
	matrixHead  = 32 // the column of row numbers and the row of column numbers
	matrixCell  = 36 // largest cell
	matrixKey   = 22 // one line of the key below the grid
	matrixPairs = 3  // pairs named in the description
)

// Shades of the matrix cells, from none to the most cases; the first is the page.
var Shades = []string{ColourPage, "#e6eef6", "#a8c6e4", "#4f87c0", ColourBar}

// Matrix draws a co-occurrence matrix: rows and columns numbered 1..n, cell (i, j)
// shaded by counts[i][j] relative to the largest count off the diagonal, with the count
// printed in it; the diagonal is a grey cell showing counts[i][i] in bold (a factor's own cases;
// give 0 to leave it empty). A key below the grid names the numbers. Missing counts
// are 0.
func Matrix(labels []string, counts [][]int, o Options) template.HTML {
	if o.Title == "" {
		o.Title = "How often success factors occur together"
	}
	n := len(labels)
	at := func(i, j int) int {
		if i < len(counts) && j < len(counts[i]) {
			return counts[i][j]
		}
		return 0
	}
	if n == 0 {
		return empty(o, "chart chart-matrix")
	}
	cell := math.Min(matrixCell, float64(chartWidth-matrixHead)/float64(n))
	grid := matrixHead + float64(n)*cell
	height := grid + 12 + float64(n*matrixKey)
	most, widest := 0, 0
	for i := range n {
		for j := range n {
			if i != j {
				most = max(most, at(i, j))
			}
			widest = max(widest, len(Count(at(i, j))))
		}
	}
	// The widest number fits its cell: a digit is about 0.58 of the font size.
	font := math.Floor(math.Min(math.Min(16, cell*0.45), cell*0.85/(0.58*float64(widest))))
	c := NewCanvas(o, "chart chart-matrix", chartWidth, height, chartPixels, describeMatrix(labels, at))
	c.Open("g", A("class", "chart-axis"), A("fill", ColourText), A("text-anchor", "middle"), A("font-size", font))
	for i := range n {
		mid := matrixHead + (float64(i)+0.5)*cell
		c.Text("text", strconv.Itoa(i+1), A("x", mid), A("y", matrixHead-10))
		c.Text("text", strconv.Itoa(i+1), A("x", matrixHead/2), A("y", mid+font*0.35))
	}
	c.Close("g")
	c.Open("g", A("text-anchor", "middle"), A("font-size", font), A("stroke-width", 1))
	for i := range n {
		for j := range n {
			v := at(i, j)
			fill, title := ColourPanel, labels[i]+": "+Cases(v)
			if i != j {
				fill, title = Shades[shade(v, most)], labels[i]+" and "+labels[j]+": "+Cases(v)
			}
			x, y := matrixHead+float64(j)*cell, matrixHead+float64(i)*cell
			c.Empty("rect", title, A("x", x), A("y", y), A("width", cell), A("height", cell),
				A("fill", fill), A("stroke", ColourGrid), A("class", "chart-cell"))
			switch {
			case i != j:
				c.Text("text", Count(v), A("x", x+cell/2), A("y", y+cell/2+font*0.35), A("fill", TextOn(fill)))
			case v > 0: // a factor's own count, in bold
				c.Text("text", Count(v), A("x", x+cell/2), A("y", y+cell/2+font*0.35), A("fill", TextOn(fill)), A("font-weight", "bold"))
			}
		}
	}
	c.Close("g")
	c.Open("g", A("class", "chart-key"), A("fill", ColourText), A("font-size", 15))
	for i, l := range labels {
		y := grid + 12 + float64(i*matrixKey) + 14
		c.Text("text", strconv.Itoa(i+1), A("x", 24), A("y", y), A("text-anchor", "end"))
		c.Label(l, labelChars-4, A("x", 32), A("y", y))
	}
	c.Close("g")
	return c.HTML()
}

// shade is the index in Shades of a count: 0 for none, else 1..4 by its share of the
// largest count.
func shade(v, most int) int {
	if v <= 0 || most <= 0 {
		return 0
	}
	s := int(math.Ceil(float64(v) * float64(len(Shades)-1) / float64(most)))
	return min(s, len(Shades)-1)
}

// TextOn is the text colour, dark or white, that contrasts more with a background.
func TextOn(background string) string {
	if Contrast(ColourText, background) >= Contrast(ColourPage, background) {
		return ColourText
	}
	return ColourPage
}

// describeMatrix names the pairs that occur together most often.
func describeMatrix(labels []string, at func(i, j int) int) string {
	type pair struct{ i, j, n int }
	var pairs []pair
	for i := range labels {
		for j := i + 1; j < len(labels); j++ {
			if n := at(i, j); n > 0 {
				pairs = append(pairs, pair{i, j, n})
			}
		}
	}
	s := "How many cases show both factors of each pair of " + strconv.Itoa(len(labels)) + " success factors, numbered as in the key."
	if len(pairs) == 0 {
		return s + " No case shows two of them."
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].n > pairs[b].n })
	var items []string
	for _, p := range pairs[:min(matrixPairs, len(pairs))] {
		items = append(items, labels[p.i]+" and "+labels[p.j]+" ("+Cases(p.n)+")")
	}
	return s + " Most often together: " + strings.Join(items, "; ") + "."
}
