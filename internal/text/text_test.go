package text

import "testing"

func TestUpperFirst(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", ""},
		{"ascii", "national", "National"},
		{"accented", "évaluation", "Évaluation"},
		{"already", "Canada", "Canada"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := UpperFirst(tc.in); got != tc.want {
				t.Errorf("UpperFirst(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		name  string
		a, b  string
		limit int
		want  int
	}{
		{"same", "budget", "budget", -1, 0},
		{"one substitution", "budget", "budgot", -1, 1},
		{"swap counts once", "colaboration", "coalboration", -1, 1},
		{"insertion", "colaboration", "collaboration", -1, 1},
		{"runes not bytes", "medellín", "medellin", -1, 1},
		{"over the limit", "abcdef", "uvwxyz", 2, 3},
		{"empty", "", "abc", -1, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := EditDistance(tc.a, tc.b, tc.limit); got != tc.want {
				t.Errorf("EditDistance(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
			}
		})
	}
}
