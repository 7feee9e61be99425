package catalog

import (
	"slices"
	"testing"
	"time"
)

func TestCaseDates(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(DateLayout, s); return d }
	tests := []struct {
		name           string
		c              Case
		added, updated time.Time
	}{
		{"added only", Case{Year: 2005, Added: "2026-11-02"}, day("2026-11-02"), day("2026-11-02")},
		{"neither", Case{Year: 2005}, day("2005-01-01"), day("2005-01-01")},
		{"reviewed later", Case{Year: 2005, Added: "2026-01-02", Reviewed: "2026-03-04"}, day("2026-01-02"), day("2026-03-04")},
		{"reviewed earlier", Case{Year: 2005, Added: "2026-01-02", Reviewed: "2025-03-04"}, day("2026-01-02"), day("2026-01-02")},
		{"reviewed without added", Case{Year: 2005, Reviewed: "2020-03-04"}, day("2005-01-01"), day("2020-03-04")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.AddedAt(); !got.Equal(tt.added) {
				t.Errorf("AddedAt = %v, want %v", got, tt.added)
			}
			if got := tt.c.UpdatedAt(); !got.Equal(tt.updated) {
				t.Errorf("UpdatedAt = %v, want %v", got, tt.updated)
			}
		})
	}
	cases := []*Case{{Slug: "old", Title: "B", Year: 2020}, {Slug: "new", Title: "A", Year: 1990, Added: "2026-01-01"}, {Slug: "mid", Title: "C", Year: 2021}}
	slices.SortFunc(cases, CompareRecentlyAdded)
	var got []string
	for _, c := range cases {
		got = append(got, c.Slug)
	}
	if want := []string{"new", "mid", "old"}; !slices.Equal(got, want) {
		t.Errorf("recently added order %v, want %v", got, want)
	}
}
