package catalog

import (
	"testing"
)

// FuzzParse checks that no input makes the case, factor or synonyms parsers
// panic, and that a returned case is complete. Its seeds are in
// testdata/fuzz/FuzzParse and run with every go test.
func FuzzParse(f *testing.F) {
	f.Add([]byte(goodCase))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, problems := ParseCase("cases/fuzz.md", data)
		if c != nil {
			if problems.HasErrors() {
				t.Fatalf("case returned with errors: %v", problems)
			}
			if c.Title == "" || c.Summary == "" || c.Country == "" || c.Level == "" || len(c.Factors) == 0 {
				t.Fatalf("case missing required fields: %+v", c)
			}
		} else if !problems.HasErrors() {
			t.Fatalf("no case and no error")
		}
		for _, p := range problems {
			if p.File != "cases/fuzz.md" || p.Message == "" || p.Line < 0 {
				t.Fatalf("bad problem %+v", p)
			}
		}
		ParseFactor("factors/fuzz.md", data)
		ParseSynonyms("synonyms.yaml", data)
	})
}
