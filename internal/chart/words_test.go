package chart

import (
	"strings"
	"testing"
)

func TestCountAndCases(t *testing.T) {
	tests := []struct {
		n            int
		count, cases string
	}{
		{0, "0", "0 cases"},
		{1, "1", "1 case"},
		{9, "9", "9 cases"},
		{999, "999", "999 cases"},
		{1000, "1,000", "1,000 cases"},
		{1234567, "1,234,567", "1,234,567 cases"},
		{-1234, "-1,234", "-1,234 cases"},
	}
	for _, tt := range tests {
		t.Run(tt.count, func(t *testing.T) {
			if got := Count(tt.n); got != tt.count {
				t.Errorf("Count(%d) = %q, want %q", tt.n, got, tt.count)
			}
			if got := Cases(tt.n); got != tt.cases {
				t.Errorf("Cases(%d) = %q, want %q", tt.n, got, tt.cases)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"short", "Tolerance of risk", 42, "Tolerance of risk"},
		{"exact", "abcde", 5, "abcde"},
		{"cut at a space", "Capacity for human resource management", 14, "Capacity for…"},
		{"accents count as one", "Économie sociale et solidaire", 9, "Économie…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Truncate(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if n := len([]rune(got)); n > tt.max {
				t.Errorf("Truncate(%q, %d) has %d characters", tt.in, tt.max, n)
			}
		})
	}
}

func TestColoursContrast(t *testing.T) {
	if got := Contrast("#000000", "#ffffff"); got < 20.99 || got > 21.01 {
		t.Fatalf("Contrast(black, white) = %v, want 21", got)
	}
	if got := Contrast("#777777", "#777777"); got != 1 {
		t.Fatalf("Contrast of a colour with itself = %v, want 1", got)
	}
	tests := []struct {
		name    string
		fg, bg  string
		atLeast float64
	}{
		{"text on the page", ColourText, ColourPage, 4.5},
		{"axis labels on the page", ColourMuted, ColourPage, 4.5},
		{"bars against the page", ColourBar, ColourPage, 3},
		{"text on the diagonal", TextOn(ColourPanel), ColourPanel, 4.5},
	}
	for i, s := range Shades {
		tests = append(tests, struct {
			name    string
			fg, bg  string
			atLeast float64
		}{"text on shade " + s, TextOn(s), s, 4.5})
		if i > 0 && Contrast(s, ColourPage) < Contrast(Shades[i-1], ColourPage) {
			t.Errorf("shade %d (%s) is not darker than shade %d", i, s, i-1)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Contrast(tt.fg, tt.bg); got < tt.atLeast {
				t.Errorf("Contrast(%s, %s) = %.2f, want at least %v", tt.fg, tt.bg, got, tt.atLeast)
			}
		})
	}
}

// TestSteps checks the two integer scales: niceStep(max, n), the axis step,
// and shade(v, max), the colour step of a cell.
func TestSteps(t *testing.T) {
	tests := []struct {
		name  string
		f     func(a, b int) int
		cases [][3]int // a, b, want
	}{
		{"niceStep", niceStep, [][3]int{{1, 4, 1}, {4, 4, 1}, {5, 4, 2}, {8, 4, 2}, {9, 4, 5}, {25, 4, 10}, {4000, 4, 1000}, {0, 4, 1}}},
		{"shade", shade, [][3]int{{0, 10, 0}, {1, 10, 1}, {3, 10, 2}, {5, 10, 2}, {6, 10, 3}, {10, 10, 4}, {12, 10, 4}, {1, 0, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range tt.cases {
				if got := tt.f(c[0], c[1]); got != c[2] {
					t.Errorf("%s(%d, %d) = %d, want %d", tt.name, c[0], c[1], got, c[2])
				}
			}
		})
	}
}

func TestDescriptions(t *testing.T) {
	var many []Bar
	for i := range 13 {
		many = append(many, Bar{Label: "Factor " + Count(i+1), Count: 13 - i})
	}
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"bars", describeBars([]Bar{{"Local", 8}, {"Regional", 1}}), "Local: 8 cases; Regional: 1 case."},
		{"many bars", describeBars(many), "Factor 10: 4 cases; and 3 more."},
		{"one year", describeYears([]int{2015}, map[int]int{2015: 3}), "3 cases, all in 2015."},
		{"one peak", describeYears([]int{2010, 2012}, map[int]int{2010: 1, 2012: 4}), "5 cases from 2010 to 2012; the most in 2012 (4)."},
		{"three peaks", describeYears([]int{1, 2, 3}, map[int]int{1: 2, 2: 2, 3: 2}), "6 cases from 1 to 3; the most in 1, 2 and 3 (2 each)."},
		{"many peaks", describeYears([]int{1, 2, 3, 4}, map[int]int{1: 1, 2: 1, 3: 1, 4: 1}), "4 cases from 1 to 4; at most 1 a year."},
		{"no pairs", describeMatrix([]string{"A", "B"}, func(i, j int) int { return 0 }), "No case shows two of them."},
		{"pairs", describeMatrix([]string{"A", "B", "C"}, func(i, j int) int { return i + j }), "Most often together: B and C (3 cases); A and C (2 cases); A and B (1 case)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.HasSuffix(tt.got, tt.want) {
				t.Errorf("got %q, want it to end with %q", tt.got, tt.want)
			}
		})
	}
}
