package search

import (
	"context"
	"strings"
	"testing"
)

func TestHighlights(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		name, text, slug string
		want             []string // substrings of the joined highlights
		not              []string
	}{
		{"escapes markup", "budget", "open-budget-portal",
			[]string{"<mark>budget</mark>", "&lt;b&gt;openly&lt;/b&gt;", "&amp;"}, []string{"<b>", "<script", "<Data>"}},
		{"stemmed form marked", "evaluated", "poverty-fund", []string{"<mark>evaluated</mark>", "<mark>evaluation</mark>"}, nil},
		{"typo marks the right word", "reofending", "peterborough-impact-bond", []string{"<mark>reoffending</mark>"}, nil},
		{"swapped letters mark the right word", "lirbary", "community-hubs", []string{"<mark>library</mark>"}, nil},
		{"accent-folded match keeps accents", "medellin", "medellin-library-parks", []string{"<mark>Medellín</mark>"}, nil},
		{"synonym marked", "pb", "porto-alegre", []string{"<mark>citizen</mark> <mark>budget</mark>"}, nil},
		{"phrase with a stop word inside", `"citizens and designers"`, "mindlab", []string{"<mark>citizens</mark> and <mark>designers</mark>"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := ix.mustSearch(t, Query{Text: tt.text, PerPage: 100})
			var r *Result
			for i := range resp.Results {
				if resp.Results[i].Slug == tt.slug {
					r = &resp.Results[i]
				}
			}
			if r == nil {
				t.Fatalf("%s not found", tt.slug)
			}
			if len(r.Highlights) == 0 || len(r.Highlights) > 3 {
				t.Fatalf("highlights = %q, want 1 to 3", r.Highlights)
			}
			all := strings.Join(r.Highlights, "\n")
			for _, h := range r.Highlights {
				if !strings.Contains(h, "<mark>") {
					t.Errorf("fragment without a match: %q", h)
				}
			}
			for _, s := range tt.want {
				if !strings.Contains(all, s) {
					t.Errorf("highlights lack %q: %s", s, all)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(all, s) {
					t.Errorf("highlights contain %q: %s", s, all)
				}
			}
			// Only <mark> tags are markup.
			stripped := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(all)
			if strings.ContainsAny(stripped, "<>") {
				t.Errorf("unescaped markup: %s", all)
			}
		})
	}
	t.Run("phrase words apart are not marked", func(t *testing.T) {
		// X-Road is found by its tag "data exchange", but its summary and
		// body have the two words only apart.
		resp := ix.mustSearch(t, Query{Text: `"data exchange"`})
		if len(resp.Results) != 1 || resp.Results[0].Slug != "x-road" {
			t.Fatalf("results = %v", slugs(resp.Results))
		}
		if h := resp.Results[0].Highlights; len(h) != 0 {
			t.Errorf("highlights = %q, want none", h)
		}
	})
	t.Run("browsing has no highlights", func(t *testing.T) {
		resp, _ := ix.Search(context.Background(), Query{})
		if resp.Results[0].Highlights == nil || len(resp.Results[0].Highlights) != 0 {
			t.Errorf("highlights = %#v, want empty list", resp.Results[0].Highlights)
		}
	})
}
