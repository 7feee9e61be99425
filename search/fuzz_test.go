package search

import (
	"context"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

var (
	fuzzOnce  sync.Once
	fuzzIndex *Index
	fuzzErr   error
)

// FuzzSearch checks that any query text is treated as text: it never
// panics, and fails only with a QueryError for text over the limits. Its
// seeds in testdata/fuzz/FuzzSearch run with every go test.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"budget", `"open data" -city`, "*a*", "/.*/", "title:x", "~^:\\", "((((", `"unclosed`, "- -- ---", "GOV.UK", "Deputy's", "é́́", "pb pb pb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		fuzzOnce.Do(func() { fuzzIndex, fuzzErr = buildTestIndex() })
		if fuzzErr != nil {
			t.Fatal(fuzzErr)
		}
		p := parseText(text)
		for _, term := range p.terms() {
			if strings.TrimSpace(term) == "" {
				t.Fatalf("empty term from %q", text)
			}
		}
		resp, err := fuzzIndex.Search(context.Background(), Query{Text: text})
		if err != nil {
			if !IsQueryError(err) {
				t.Fatalf("search %q: %v", text, err)
			}
			return
		}
		for _, r := range resp.Results {
			for _, h := range r.Highlights {
				if !utf8.ValidString(h) && utf8.ValidString(text) {
					t.Fatalf("invalid UTF-8 highlight for %q", text)
				}
				if strings.ContainsAny(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h), "<>") {
					t.Fatalf("unescaped highlight %q", h)
				}
			}
		}
	})
}

func TestParseText(t *testing.T) {
	tests := []struct {
		in                       string
		words, phrases, excluded string
	}{
		{"budget hubs", "budget|hubs", "", ""},
		{`"open data" portal`, "portal", "open data", ""},
		{`budget -porto -"open data"`, "budget", "", "porto|open data"},
		{"GOV.UK Deputy's once-only 311", "GOV.UK|Deputy's|once-only|311", "", ""},
		{"title:budget (a OR b)*", "title|budget|a|OR|b", "", ""},
		{`"unclosed phrase`, "", "unclosed phrase", ""},
		{`"one"`, "one", "", ""},
		{"- -- end.", "end", "", ""},
		{"“curly quotes”", "", "curly quotes", ""},
		{"a-b -c-d", "a-b", "", "c-d"},
		{"budget Budget BUDGET -x -X", "budget", "", "x"},
	}
	for _, tt := range tests {
		p := parseText(tt.in)
		got := [3]string{strings.Join(p.words, "|"), strings.Join(p.phrases, "|"), strings.Join(p.excluded, "|")}
		want := [3]string{tt.words, tt.phrases, tt.excluded}
		if got != want {
			t.Errorf("parseText(%q) = %q, want %q", tt.in, got, want)
		}
	}
}
