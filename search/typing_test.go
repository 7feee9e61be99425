package search

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestWordForms: words the catalogue writes joined or hyphenated are found
// however they are typed (issue 17).
func TestWordForms(t *testing.T) {
	ix := embeddedIndex(t)
	tests := []struct {
		text, want string
	}{
		{"gov uk", "gov-uk-government-digital-service"},
		{"GOV.UK", "gov-uk-government-digital-service"},
		{"e residency", "estonia-e-residency"},
		{"e-residency", "estonia-e-residency"},
		{"participatorybudgeting", "toronto-participatory-budgeting"},
		{"libraryparks", "medellin-library-parks"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			resp := ix.mustSearch(t, Query{Text: tt.text})
			if got := slugs(resp.Results); !slices.Contains(got[:min(3, len(got))], tt.want) {
				t.Errorf("top 3 %v, want %s", got, tt.want)
			}
		})
	}
}

// TestSuggestionRules: no suggestion for a number, for stop words, or when
// it would not find more cases with all its words.
func TestSuggestionRules(t *testing.T) {
	ix := embeddedIndex(t)
	tests := []struct{ text, want string }{
		{"311", ""},
		{"gov uk", ""},
		{"go up", ""},
		{"let residents decide spending", ""},
		{"e residency", ""},
		{"participatroy budgeting", "participatory budgeting"},
		{"poupatmpo", "poupatempo"},
	}
	checkSuggestions(t, ix, tests)
}

// TestNoDoubledEllipsis: fragments shown one after another never put two
// ellipses side by side.
func TestNoDoubledEllipsis(t *testing.T) {
	ix := embeddedIndex(t)
	for _, text := range []string{"customer credentials", "go up", "service", "data sharing agencies", "budget"} {
		resp := ix.mustSearch(t, Query{Text: text, PerPage: MaxPerPage})
		fragments := 0
		for _, r := range resp.Results {
			fragments += len(r.Highlights)
			if joined := strings.Join(r.Highlights, " "); strings.Contains(joined, "… …") {
				t.Errorf("%q, %s: %s", text, r.Slug, joined)
			}
		}
		if fragments == 0 {
			t.Errorf("%q: no highlights to check", text)
		}
	}
}

// TestPrefix: with Prefix the last word also matches as the start of a
// word, every whole-word match ranks first, and a prefix with a great many
// expansions is cut, not an error.
func TestPrefix(t *testing.T) {
	ix := embeddedIndex(t)
	ctx := context.Background()
	for _, text := range []string{"particip", "budg", "residents cho", "library par"} {
		resp, err := ix.Search(ctx, Query{Text: text, Prefix: true})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Total == 0 {
			t.Errorf("%q with prefix finds nothing", text)
		}
		for _, r := range resp.Results[:min(2, len(resp.Results))] {
			if !strings.Contains(strings.Join(r.Highlights, " "), "<mark>") {
				t.Errorf("%q: %s has no highlight", text, r.Slug)
			}
		}
	}
	for _, text := range []string{"plan", "data", "city", "service"} {
		whole := allWordsSet(t, ix, Query{Text: text})
		resp, err := ix.Search(ctx, Query{Text: text, Prefix: true, PerPage: MaxPerPage})
		if err != nil {
			t.Fatal(err)
		}
		got := slugs(resp.Results)
		if len(got) < len(whole) {
			t.Fatalf("%q: prefix finds %d, whole word %d", text, len(got), len(whole))
		}
		for _, s := range got[:len(whole)] {
			if !slices.Contains(whole, s) {
				t.Errorf("%q: %s (a prefix match) ranks among the whole-word matches %v", text, s, got[:len(whole)])
			}
		}
	}
	if resp, err := ix.Search(ctx, Query{Text: "s", Prefix: true}); err != nil || resp.Total == 0 {
		t.Errorf("one-letter prefix: %v, %v", resp, err)
	}
	without, err := ix.Search(ctx, Query{Text: "poupat"})
	with, err2 := ix.Search(ctx, Query{Text: "poupat", Prefix: true})
	if err != nil || err2 != nil || with.Total <= without.Total {
		t.Errorf("poupat finds %d with prefix, %d without (%v, %v)", with.Total, without.Total, err, err2)
	}
	v := ix.vocab()
	exp := v.expand("s", maxPrefixTerms)
	if len(exp) != maxPrefixTerms {
		t.Fatalf("expand(s) = %d terms, want the cap %d", len(exp), maxPrefixTerms)
	}
	for i := 1; i < len(exp); i++ {
		if v.count(exp[i]) > v.count(exp[i-1]) {
			t.Errorf("expansions not most frequent first: %s (%d) after %s (%d)", exp[i], v.count(exp[i]), exp[i-1], v.count(exp[i-1]))
		}
	}
}
