package main

import (
	"math"
	"strconv"
	"strings"
)

// tenths is a point rounded to a tenth of a viewBox unit, kept as integers so that
// relative steps add up exactly to the absolute positions.
type tenths struct{ X, Y int }

// pathData encodes a country's polygons (lists of rings in viewBox units) as SVG path
// data: each kept ring starts with an absolute M and goes on with relative steps, closed
// with z. A polygon smaller than minArea is dropped, unless it is the country's largest,
// and so is a smaller hole.
func pathData(polys [][][]point, minArea float64) string {
	areas := make([]float64, len(polys))
	largest := 0
	for i, p := range polys {
		if len(p) > 0 {
			areas[i] = math.Abs(area(p[0]))
		}
		if areas[i] > areas[largest] {
			largest = i
		}
	}
	var b strings.Builder
	for i, p := range polys {
		if areas[i] < minArea && i != largest {
			continue
		}
		for k, r := range p {
			t := round(r)
			if len(t) < 3 || (k > 0 && math.Abs(area(r)) < minArea) {
				continue
			}
			writeRing(&b, t)
		}
	}
	return b.String()
}

// round rounds a closed ring to tenths and drops repeated points and the closing point
// (z closes the ring).
func round(r []point) []tenths {
	out := make([]tenths, 0, len(r))
	for _, p := range r {
		t := tenths{int(math.Round(p.X * 10)), int(math.Round(p.Y * 10))}
		if len(out) > 0 && out[len(out)-1] == t {
			continue
		}
		out = append(out, t)
	}
	for len(out) > 1 && out[len(out)-1] == out[0] {
		out = out[:len(out)-1]
	}
	return out
}

// writeRing writes "M x y" then the relative steps "l dx dy ..." and "z". Numbers are
// written as short as SVG's path grammar allows: no leading zero, no ".0", no space
// before a minus sign or before ".5" after a number that already has a point.
func writeRing(b *strings.Builder, r []tenths) {
	var prev string
	put := func(v int) {
		s := decimal(v)
		if prev != "" && s[0] != '-' && !(s[0] == '.' && strings.Contains(prev, ".")) {
			b.WriteByte(' ')
		}
		b.WriteString(s)
		prev = s
	}
	b.WriteByte('M')
	put(r[0].X)
	put(r[0].Y)
	if len(r) > 1 {
		b.WriteByte('l')
		prev = ""
		for i := 1; i < len(r); i++ {
			put(r[i].X - r[i-1].X)
			put(r[i].Y - r[i-1].Y)
		}
	}
	b.WriteByte('z')
}

// decimal prints a count of tenths as the shortest decimal: 15 -> "1.5", 5 -> ".5",
// -5 -> "-.5", 20 -> "2".
func decimal(v int) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	whole, frac := v/10, v%10
	switch {
	case frac == 0:
		return sign + strconv.Itoa(whole)
	case whole == 0:
		return sign + "." + strconv.Itoa(frac)
	}
	return sign + strconv.Itoa(whole) + "." + strconv.Itoa(frac)
}
