package search

import (
	"testing"
)

func TestSuggestion(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct{ text, want string }{
		{"neighbourhoood", "neighbourhood"},
		{"librery zzzz", ""},  // no query with the fix finds more
		{"library", ""},       // found plenty
		{"budget -porto", ""}, // nothing to correct
		{"transitt library", "transit library"},
		{"tarnsit", "transit"},
	}
	checkSuggestions(t, ix, tests)
}

// checkSuggestions checks the suggestion for each text.
func checkSuggestions(t *testing.T, ix *Index, tests []struct{ text, want string }) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			resp := ix.mustSearch(t, Query{Text: tt.text})
			if resp.Suggestion != tt.want {
				t.Errorf("suggestion = %q, want %q (total %d)", resp.Suggestion, tt.want, resp.Total)
			}
		})
	}
}
