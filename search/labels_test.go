package search

import (
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/catalog"
)

func TestLabels(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	kase := func(country, sectors string) *fstest.MapFile {
		return file("---\ntitle: T\nsummary: S.\ncountry: " + country + "\nlevel: local\nyear: 2001\nfactors: [collaboration]\nsectors: " + sectors + "\n---\nBody.\n")
	}
	cat, err := catalog.Load(fstest.MapFS{
		"factors/collaboration.md": file("---\ntitle: A culture of collaboration\nsummary: Together.\n---\n"),
		"cases/a.md":               kase("Canada", "[Health, social services]"),
		"cases/b.md":               kase("canada", "[health, Social Services]"),
		"cases/c.md":               kase("Canada", "[health, HEALTH]"),
	})
	if err != nil {
		t.Fatal(err)
	}
	l := NewLabels(cat)
	tests := []struct{ facet, value, want string }{
		{"factor", "collaboration", "A culture of collaboration"},
		{"factor", "no-such-factor", "no-such-factor"},
		{"level", "national", "National"},
		{"status", "ongoing", "Ongoing"},
		{"completeness", "partial", "Partial"},
		{"evidence", "2", "2"},
		{"evidence_min", "2", "2"},
		{"country", "canada", "Canada"},                  // most common spelling
		{"sector", "HEALTH", "health"},                   // a case counts a spelling once
		{"sector", "social services", "Social Services"}, // a tie: the spelling that sorts first
		{"tag", "never used", "never used"},              // unknown: as given
		{"unknown facet", "x", "x"},
	}
	for _, tt := range tests {
		if got := l.Label(tt.facet, tt.value); got != tt.want {
			t.Errorf("Label(%q, %q) = %q, want %q", tt.facet, tt.value, got, tt.want)
		}
	}
}
