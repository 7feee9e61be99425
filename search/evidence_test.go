package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/catalog"
)

// evidenceCase is a case of the evidence fixture.
type evidenceCase struct {
	slug, level string
	evidence    int    // 0: unset
	kind        string // the completeness the file is written to have
}

// evidenceCases: evidence levels 0..5 over complete, partial and stub
// cases, at two levels of government.
var evidenceCases = []evidenceCase{
	{"alpha", "local", 1, "complete"},
	{"bravo", "local", 2, "partial"},
	{"charlie", "national", 3, "complete"},
	{"delta", "national", 3, "stub"},
	{"echo", "local", 4, "partial"},
	{"foxtrot", "national", 5, "complete"},
	{"golf", "local", 0, "stub"},
	{"hotel", "national", 0, "partial"},
}

// evidenceFS writes evidenceCases as files. A complete case has the four
// sections, 150 words or more, an outcome, two sources and a review date;
// a partial one lacks the review date; a stub has a short body.
func evidenceFS() fstest.MapFS {
	words := strings.Repeat("Residents and staff worked on the service together. ", 8) // 64 words
	fsys := fstest.MapFS{"factors/collaboration.md": {Data: []byte("---\ntitle: Collaboration\nsummary: Together.\n---\n")}}
	for _, c := range evidenceCases {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %s programme\nsummary: A case.\ncountry: Canada\nlevel: %s\nyear: 2015\nfactors: [collaboration]\n", c.slug, c.level)
		if c.evidence > 0 {
			fmt.Fprintf(&b, "evidence: %d\n", c.evidence)
		}
		b.WriteString("sources:\n  - title: Report\n    url: https://example.org/a\n  - title: Audit\n    url: https://example.org/b\n")
		b.WriteString("outcomes:\n  - text: Waiting times fell.\n    source: https://example.org/b\n")
		if c.kind == "complete" {
			b.WriteString("reviewed: 2026-01-15\n")
		}
		b.WriteString("---\n")
		if c.kind == "stub" {
			b.WriteString("## Challenge\n\nShort.\n")
		} else {
			for _, s := range catalog.RecommendedSections {
				fmt.Fprintf(&b, "## %s\n\n%s\n\n", s, words)
			}
		}
		fsys["cases/"+c.slug+".md"] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys
}

// newEvidenceIndex indexes evidenceFS, checking that the catalogue derived
// the completeness each file was written for.
func newEvidenceIndex(t *testing.T) *Index {
	t.Helper()
	ix := newIndexOf(t, evidenceFS())
	for _, c := range evidenceCases {
		got, ok := ix.cat.Case(c.slug)
		if !ok {
			t.Fatalf("fixture %s not loaded", c.slug)
		}
		if got.Completeness != c.kind || got.Evidence != c.evidence {
			t.Fatalf("fixture %s: completeness %q evidence %d, want %q %d", c.slug, got.Completeness, got.Evidence, c.kind, c.evidence)
		}
	}
	return ix
}

func TestEvidenceAndCompletenessFilters(t *testing.T) {
	ix := newEvidenceIndex(t)
	tests := []struct {
		name string
		q    Query
		want []string // slugs, by title
	}{
		{"evidence at least 1 leaves out unset", Query{EvidenceMin: 1}, []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"}},
		{"evidence at least 3", Query{EvidenceMin: 3}, []string{"charlie", "delta", "echo", "foxtrot"}},
		{"evidence at least 5", Query{EvidenceMin: 5}, []string{"foxtrot"}},
		{"complete", Query{Completeness: []string{"complete"}}, []string{"alpha", "charlie", "foxtrot"}},
		{"partial or stub", Query{Completeness: []string{"partial", "stub"}}, []string{"bravo", "delta", "echo", "golf", "hotel"}},
		{"stub, any case", Query{Completeness: []string{"Stub"}}, []string{"delta", "golf"}},
		{"unknown completeness", Query{Completeness: []string{"done"}}, nil},
		{"both", Query{EvidenceMin: 3, Completeness: []string{"complete"}}, []string{"charlie", "foxtrot"}},
		{"with a level", Query{EvidenceMin: 2, Levels: []string{"local"}}, []string{"bravo", "echo"}},
		{"with text", Query{Text: "programme", EvidenceMin: 4}, []string{"echo", "foxtrot"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Sort = SortTitle
			resp := ix.mustSearch(t, tt.q)
			if got := slugs(resp.Results); !slices.Equal(got, tt.want) && len(got)+len(tt.want) > 0 {
				t.Errorf("results = %v, want %v", got, tt.want)
			}
			if resp.Total != len(tt.want) {
				t.Errorf("total = %d, want %d", resp.Total, len(tt.want))
			}
		})
	}
}

func TestEvidenceResultFields(t *testing.T) {
	ix := newEvidenceIndex(t)
	resp := ix.mustSearch(t, Query{Sort: SortTitle})
	for i, r := range resp.Results {
		c := evidenceCases[i]
		reviewed := ""
		if c.kind == "complete" {
			reviewed = "2026-01-15"
		}
		if r.Slug != c.slug || r.Evidence != c.evidence || r.Completeness != c.kind || r.Reviewed != reviewed {
			t.Errorf("result %d = %s evidence %d %q reviewed %q, want %s %d %q %q", i, r.Slug, r.Evidence, r.Completeness, r.Reviewed,
				c.slug, c.evidence, c.kind, reviewed)
		}
	}
}

// facetString writes a facet as "value:count" pairs in its order.
func facetString(vals []FacetValue) string {
	var parts []string
	for _, v := range vals {
		parts = append(parts, fmt.Sprintf("%s:%d", v.Value, v.Count))
	}
	return strings.Join(parts, " ")
}

// TestEvidenceFacets: the evidence and completeness facets ignore their
// own selection (like level) but follow every other filter.
func TestEvidenceFacets(t *testing.T) {
	ix := newEvidenceIndex(t)
	tests := []struct {
		name                   string
		q                      Query
		evidence, completeness string
	}{
		{"no selection", Query{}, "3:2 1:1 2:1 4:1 5:1", "complete:3 partial:3 stub:2"},
		{"evidence ignores its own selection", Query{EvidenceMin: 4}, "3:2 1:1 2:1 4:1 5:1", "complete:1 partial:1"},
		{"completeness ignores its own selection", Query{Completeness: []string{"stub"}}, "3:1", "complete:3 partial:3 stub:2"},
		{"each follows the other", Query{EvidenceMin: 3, Completeness: []string{"complete"}}, "1:1 3:1 5:1", "complete:2 partial:1 stub:1"},
		{"both follow other filters", Query{Levels: []string{"local"}}, "1:1 2:1 4:1", "partial:2 complete:1 stub:1"},
		{"selected completeness without matches is listed", Query{Completeness: []string{"done"}}, "", "complete:3 partial:3 stub:2 done:0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := ix.mustSearch(t, tt.q)
			if got := facetString(resp.Facets.Evidence); got != tt.evidence {
				t.Errorf("evidence facet = %q, want %q", got, tt.evidence)
			}
			if got := facetString(resp.Facets.Completeness); got != tt.completeness {
				t.Errorf("completeness facet = %q, want %q", got, tt.completeness)
			}
			for _, v := range resp.Facets.Completeness {
				if v.Label != strings.ToUpper(v.Value[:1])+v.Value[1:] {
					t.Errorf("completeness label %q for %q", v.Label, v.Value)
				}
			}
			if want := bleveFacets(t, ix, tt.q); facetString(want.Evidence) != tt.evidence || facetString(want.Completeness) != tt.completeness {
				t.Errorf("bleve counts evidence %q completeness %q", facetString(want.Evidence), facetString(want.Completeness))
			}
		})
	}
}
