package chart

import (
	"math"
	"strconv"
	"strings"
)

// Count writes a whole number the Canadian English way, with commas: 1,234.
func Count(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// Cases writes a number of cases: "1 case", "9 cases", "1,234 cases".
func Cases(n int) string {
	if n == 1 {
		return "1 case"
	}
	return Count(n) + " cases"
}

// Truncate shortens a label to at most max characters, ending it with "…" when cut.
func Truncate(label string, max int) string {
	r := []rune(label)
	if len(r) <= max {
		return label
	}
	return strings.TrimRight(string(r[:max-1]), " ") + "…"
}

// Contrast is the WCAG 2 contrast ratio of two "#rrggbb" colours, from 1 to 21.
func Contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is the relative luminance of a "#rrggbb" colour (0 for anything else).
func luminance(hex string) float64 {
	if len(hex) != 7 || hex[0] != '#' {
		return 0
	}
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return 0
		}
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}

// niceStep is the step of 1, 2 or 5 times a power of ten that divides max into at most
// n intervals (at least 1).
func niceStep(max, n int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if step := m * p; step*n >= max {
				return step
			}
		}
	}
}
