package catalog

import (
	"strings"
	"testing"
)

// TestCaseFileQuotesSafely writes cases whose text YAML would misread if it
// were written bare, and parses each file back to the same values.
func TestCaseFileQuotesSafely(t *testing.T) {
	tests := []struct{ name, text string }{
		{"boolean word", "yes"},
		{"null word", "null"},
		{"number", "2015"},
		{"colon and hash", "Hubs: a plan # not a comment"},
		{"quotes", `"Tell Us Once" and 'friends'`},
		{"flow characters", "[a, b] {c}"},
		{"leading dash", "- a list?"},
		{"line break", "first line\nsecond line"},
		{"fence-like", "---"},
		{"date-like", "2026-11-29"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &Case{Title: "T " + tt.text, Summary: tt.text, Country: "Canada", Level: "local", Year: 2015,
				Tags: []string{tt.text, "b"}, Factors: []string{"collaboration"},
				Sources:  []Source{{Title: tt.text, URL: "https://example.org/a?b=c#d"}},
				Outcomes: []Outcome{{Text: tt.text, Source: Source{Title: tt.text, URL: "https://example.org/a?b=c#d"}, Year: 2016, Independent: true}},
				Added:    "2020-01-02", Body: "## Challenge\n\n" + tt.text + "\n"}
			data := CaseFile(in)
			got, ps := ParseCase("cases/x.md", data)
			if got == nil {
				t.Fatalf("does not parse: %v\n%s", ps, data)
			}
			pairs := [][2]string{{got.Summary, in.Summary}, {strings.Join(got.Tags, "|"), strings.Join(in.Tags, "|")},
				{got.Sources[0].Title, tt.text}, {got.Outcomes[0].Text, tt.text}, {got.Added, in.Added}, {got.Body, in.Body}}
			for _, p := range pairs {
				if p[0] != p[1] {
					t.Errorf("read back %q, want %q\n%s", p[0], p[1], data)
				}
			}
			if !got.Outcomes[0].Independent || got.Outcomes[0].Year != 2016 {
				t.Errorf("outcome = %+v", got.Outcomes[0])
			}
		})
	}
}
