package search

import "testing"

func TestRelated(t *testing.T) {
	ix := newTestIndex(t)
	for _, c := range testCases {
		rel := ix.Related(c.slug, 5)
		if len(rel) == 0 || len(rel) > 5 {
			t.Errorf("%s: %d related cases", c.slug, len(rel))
		}
		for _, r := range rel {
			if r.Slug == c.slug {
				t.Errorf("%s is related to itself", c.slug)
			}
		}
	}
	rel := ix.Related("neighbourhood-budgeting", 3)
	if len(rel) == 0 || rel[0].Slug != "porto-alegre" {
		t.Errorf("related to neighbourhood budgeting = %v, want porto-alegre first", rel)
	}
	if ix.Related("no-such-case", 5) != nil {
		t.Errorf("related of an unknown case should be nil")
	}
}
