package catalog

import (
	"strings"
	"testing"
	"testing/fstest"
)

func factorFile(title string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\nsummary: A factor.\n---\nBody.\n")}
}

func caseFile(title, factors string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\nsummary: S.\ncountry: Canada\nlevel: local\nyear: 2016\nfactors: [" + factors + "]\n---\n## Challenge\n\nText.\n")}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"factors/collaboration.md":  factorFile("A culture of collaboration"),
		"factors/service-users.md":  factorFile("A focus on service users"),
		"factors/unused.md":         factorFile("Nobody uses this"),
		"cases/a.md":                caseFile("A", "collaboration"),
		"cases/b.md":                caseFile("B", "colaboration, service-users"),
		"cases/sub/a.md":            caseFile("A again", "collaboration"),
		"cases/README.md":           {Data: []byte("not a case")},
		"cases/broken.md":           {Data: []byte("no front matter")},
		"synonyms.yaml":             {Data: []byte("- [participatory budgeting, PB]\n- [deputy minister, dm]\n")},
		"factors/.hidden.md":        {Data: []byte("ignored")},
		"cases/notes.txt":           {Data: []byte("ignored")},
		"factors/collaboration.txt": {Data: []byte("ignored")},
	}
	cat, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(cat.Cases); got != 2 {
		t.Fatalf("cases = %d, want 2 (a and b): %v", got, cat.Problems)
	}
	b, ok := cat.Case("b")
	if !ok || strings.Join(b.Factors, ",") != "service-users" {
		t.Errorf("case b should serve without its unknown factor, got %+v", b)
	}
	if got := len(cat.CasesWithFactor("collaboration")); got != 1 {
		t.Errorf("cases with collaboration = %d, want 1", got)
	}
	if len(cat.Synonyms) != 2 || cat.Synonyms[0][1] != "pb" {
		t.Errorf("synonyms = %v", cat.Synonyms)
	}
	want := []string{
		`cases/b.md:7: unknown factor "colaboration" (did you mean "collaboration"?)`,
		"cases/broken.md:1: missing front matter",
		`cases/sub/a.md: duplicate slug "a": cases/a.md has it already`,
		`factors/unused.md: warning: no case lists the factor "unused"`,
	}
	var got []string
	for _, p := range cat.Problems {
		got = append(got, p.String())
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want prefix %q", i, got[i], want[i])
		}
	}
}

func TestLoadEmpty(t *testing.T) {
	cat, err := Load(fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	if !cat.Problems.HasErrors() {
		t.Errorf("an empty folder should be an error (no factors): %v", cat.Problems)
	}
}

func TestParseSynonyms(t *testing.T) {
	tests := []struct {
		name, data, wantMsg string
		wantLine            int
	}{
		{"valid", "- [a, b]\n- [c, d, e]\n", "", 0},
		{"not a list", "a: b\n", "must be a list of groups", 1},
		{"group not a list", "- a\n", "must be a list of two or more", 1},
		{"term twice", "- [a, b]\n- [c, A]\n", `term "a" is already`, 2},
		{"bad yaml", "- [a, b\n", "not valid YAML", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := ParseSynonyms("synonyms.yaml", []byte(tt.data))
			if tt.wantMsg == "" {
				if len(ps) > 0 {
					t.Fatalf("problems: %v", ps)
				}
				return
			}
			if len(ps) == 0 || !strings.Contains(ps[0].Message, tt.wantMsg) || ps[0].Line != tt.wantLine {
				t.Errorf("got %v, want line %d %q", ps, tt.wantLine, tt.wantMsg)
			}
		})
	}
}

func TestIsContentPath(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"cases/a.md", true},
		{"cases/sub/a.md", true},
		{"factors/a.md", true},
		{"synonyms.yaml", true},
		{"cases/.drafts/a.md", false},
		{"cases/.a.md", false},
		{"cases/README.md", false},
		{"cases/a.txt", false},
		{"other/a.md", false},
		{"README.md", false},
	}
	for _, tt := range tests {
		if got := IsContentPath(tt.path); got != tt.want {
			t.Errorf("IsContentPath(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// TestReleaseSources checks that releasing the sources keeps what serving
// reads: rendered HTML, headings and plain text.
func TestReleaseSources(t *testing.T) {
	cat, err := Load(fstest.MapFS{
		"factors/collaboration.md": factorFile("A culture of collaboration"),
		"cases/a.md":               caseFile("A", "collaboration"),
	})
	if err != nil || len(cat.Cases) != 1 {
		t.Fatalf("load: %v %v", err, cat.Problems)
	}
	c, f := cat.Cases[0], cat.Factors[0]
	html, text, fhtml := c.BodyHTML, c.Text, f.BodyHTML
	if c.Body == "" || f.Body == "" {
		t.Fatal("bodies empty before release")
	}
	cat.ReleaseSources()
	if c.Body != "" || f.Body != "" {
		t.Errorf("bodies kept: %q, %q", c.Body, f.Body)
	}
	if c.BodyHTML != html || c.Text != text || f.BodyHTML != fhtml || len(c.Headings) != 1 || !strings.Contains(string(html), "Challenge") {
		t.Errorf("release changed what is served: %q %q %v", c.BodyHTML, c.Text, c.Headings)
	}
}
