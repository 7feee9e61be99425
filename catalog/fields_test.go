package catalog

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestFieldsMatchTheParser checks that the field tables list exactly the
// front-matter keys the parser accepts, in its order, so that the codebook
// generated from them cannot drift from what editors may write.
func TestFieldsMatchTheParser(t *testing.T) {
	written := func(defs []FieldDef) []string {
		var out []string
		for _, d := range defs {
			if !d.Derived && d.Kind != KindMarkdown {
				out = append(out, d.Name)
			}
		}
		return out
	}
	tests := []struct {
		name string
		defs []FieldDef
		keys []string
	}{
		{"case", CaseFields, caseKeys},
		{"factor", FactorFields, factorKeys},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := written(tt.defs); !slices.Equal(got, tt.keys) {
				t.Errorf("field table lists %v, the parser accepts %v", got, tt.keys)
			}
		})
	}
}

// TestFieldsAreDocumented checks that every field has a description and
// that the package documentation lists every front-matter key.
func TestFieldsAreDocumented(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, defs := range [][]FieldDef{CaseFields, FactorFields, SourceFields, OutcomeFields} {
		for _, d := range defs {
			if strings.TrimSpace(d.Description) == "" || !strings.HasSuffix(d.Description, ".") {
				t.Errorf("field %s: description %q is not a sentence", d.Name, d.Description)
			}
			if d.Pattern != "" {
				if _, err := regexp.Compile(d.Pattern); err != nil {
					t.Errorf("field %s: pattern: %v", d.Name, err)
				}
			}
		}
	}
	for _, k := range slices.Concat(caseKeys, factorKeys) {
		if !regexp.MustCompile(`(?m)^//\t` + k + `\s`).Match(doc) {
			t.Errorf("doc.go does not describe the key %s", k)
		}
	}
	if !regexp.MustCompile(`^`+SlugPattern+`$`).MatchString("community-hubs-2") || regexp.MustCompile(`^`+SlugPattern+`$`).MatchString("Bad--slug") {
		t.Error("SlugPattern does not match what ValidSlug accepts")
	}
}
