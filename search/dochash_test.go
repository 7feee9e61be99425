package search

import (
	"crypto/sha256"
	"testing"
)

// TestHashDocument checks that documents differing in any one way hash
// differently, and equal documents alike.
func TestHashDocument(t *testing.T) {
	base := document{Title: "Budget", Summary: "Citizens vote", Body: "text", Factor: []string{"a", "b"}, Year: 2016}
	sum := func(d document) [sha256.Size]byte {
		h := sha256.New()
		hashDocument(h, &d)
		var out [sha256.Size]byte
		h.Sum(out[:0])
		return out
	}
	if sum(base) != sum(base) {
		t.Fatal("equal documents hash differently")
	}
	for _, tc := range []struct {
		name   string
		change func(d *document)
	}{
		{"title", func(d *document) { d.Title = "Budgets" }},
		{"word moved between fields", func(d *document) { d.Title, d.Summary = "Budget Citizens", "vote" }},
		{"list element", func(d *document) { d.Factor = []string{"a", "c"} }},
		{"list split differently", func(d *document) { d.Factor = []string{"ab"} }},
		{"list element moved to another list", func(d *document) { d.Factor, d.Tag = []string{"a"}, []string{"b"} }},
		{"number", func(d *document) { d.Year = 2017 }},
		{"evidence", func(d *document) { d.Evidence = 1 }},
	} {
		d := base
		d.Factor = append([]string(nil), base.Factor...)
		tc.change(&d)
		if sum(d) == sum(base) {
			t.Errorf("%s: same hash", tc.name)
		}
	}
}
