package catalog

import (
	"strings"
	"testing"
	"testing/fstest"
)

// treeStep is one change to a content folder and what the catalogue must
// then serve and report.
type treeStep struct {
	name   string
	write  map[string]string // files written (created or changed)
	remove []string          // files removed
	// Expectations: the title each case serves ("" for not served), the
	// factors a case serves, the factors served, and the problems reported
	// (each a prefix of one problem's String; nil for no errors).
	titles   map[string]string
	factors  map[string]string // case slug -> comma-joined factors
	served   []string          // factor slugs that must be served
	problems []string
}

func treeCase(title, factors string) string {
	return "---\ntitle: " + title + "\nsummary: S.\ncountry: Canada\nlevel: local\nyear: 2016\nfactors: [" + factors + "]\n---\n" +
		"## Challenge\n\nText.\n\n## What they did\n\nText.\n\n## Results\n\nText.\n\n## Lessons\n\nText.\n"
}

const treeFactor = "---\ntitle: A factor\nsummary: S.\n---\nBody.\n"

func TestTree(t *testing.T) {
	base := map[string]string{
		"factors/collaboration.md": treeFactor,
		"factors/service-users.md": treeFactor,
		"cases/hubs.md":            treeCase("Community hubs", "collaboration, service-users"),
		"cases/parks.md":           treeCase("Park budgets", "service-users"),
	}
	tests := []struct {
		name  string
		steps []treeStep
	}{
		{"bad factor keeps the last good version, fix clears it", []treeStep{
			{name: "misspelt factor", write: map[string]string{"cases/hubs.md": treeCase("Hubs renamed", "colaboration")},
				titles: map[string]string{"hubs": "Community hubs"}, factors: map[string]string{"hubs": "collaboration,service-users"},
				problems: []string{`cases/hubs.md:7: unknown factor "colaboration" (did you mean "collaboration"?)`}},
			{name: "fixed", write: map[string]string{"cases/hubs.md": treeCase("Hubs renamed", "collaboration")},
				titles: map[string]string{"hubs": "Hubs renamed"}, factors: map[string]string{"hubs": "collaboration"}},
		}},
		{"missing required key keeps the last good version", []treeStep{
			{name: "no factors key", write: map[string]string{"cases/hubs.md": strings.Replace(treeCase("Hubs renamed", "x"), "factors: [x]\n", "", 1)},
				titles:   map[string]string{"hubs": "Community hubs"},
				problems: []string{`cases/hubs.md:7: missing required key "factors"`}},
		}},
		{"new broken file is not served", []treeStep{
			{name: "new file with a bad factor", write: map[string]string{"cases/new.md": treeCase("New", "nope")},
				titles:   map[string]string{"new": ""},
				problems: []string{`cases/new.md:7: unknown factor "nope"`}},
		}},
		{"archive duplicate blames the newcomer", []treeStep{
			{name: "copy into archive", write: map[string]string{"cases/archive/hubs.md": treeCase("Old hubs", "collaboration")},
				titles:   map[string]string{"hubs": "Community hubs"},
				problems: []string{`cases/archive/hubs.md: duplicate slug "hubs": cases/hubs.md has it already`}},
			{name: "copy removed", remove: []string{"cases/archive/hubs.md"},
				titles: map[string]string{"hubs": "Community hubs"}},
		}},
		{"deleted factor stays served with one problem", []treeStep{
			{name: "factor deleted", remove: []string{"factors/service-users.md"},
				titles: map[string]string{"hubs": "Community hubs", "parks": "Park budgets"}, served: []string{"service-users"},
				problems: []string{`factors/service-users.md: factors/service-users.md was deleted, but 2 cases use the factor "service-users"`}},
			{name: "cases stop using it", write: map[string]string{"cases/hubs.md": treeCase("Community hubs", "collaboration"), "cases/parks.md": treeCase("Park budgets", "collaboration")},
				factors: map[string]string{"hubs": "collaboration", "parks": "collaboration"}},
		}},
		{"deleted factor restored", []treeStep{
			{name: "factor deleted", remove: []string{"factors/collaboration.md"},
				served: []string{"collaboration"}, problems: []string{`factors/collaboration.md: factors/collaboration.md was deleted, but 1 case uses`}},
			{name: "restored", write: map[string]string{"factors/collaboration.md": treeFactor}, served: []string{"collaboration"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for p, d := range base {
				fsys[p] = &fstest.MapFile{Data: []byte(d)}
			}
			tree := NewTree()
			tree.Apply(fsys, Everything)
			if cat := tree.Catalog(); len(cat.Problems) != 0 || len(cat.Cases) != 2 {
				t.Fatalf("start: %d cases, problems %v", len(cat.Cases), cat.Problems)
			}
			for _, st := range tt.steps {
				var changed []string
				for p, d := range st.write {
					fsys[p] = &fstest.MapFile{Data: []byte(d)}
					changed = append(changed, p)
				}
				for _, p := range st.remove {
					delete(fsys, p)
					changed = append(changed, p)
				}
				if !tree.Apply(fsys, changed) {
					t.Errorf("%s: Apply reports no change", st.name)
				}
				checkTreeStep(t, st, tree.Catalog())
			}
		})
	}
}

func checkTreeStep(t *testing.T, st treeStep, cat *Catalog) {
	t.Helper()
	for slug, want := range st.titles {
		c, ok := cat.Case(slug)
		switch {
		case want == "" && ok:
			t.Errorf("%s: case %s is served (%q), want not", st.name, slug, c.Title)
		case want != "" && (!ok || c.Title != want):
			t.Errorf("%s: case %s serves %+v, want title %q", st.name, slug, c, want)
		}
	}
	for slug, want := range st.factors {
		if c, ok := cat.Case(slug); !ok || strings.Join(c.Factors, ",") != want {
			t.Errorf("%s: case %s factors = %v, want %s", st.name, slug, c, want)
		}
	}
	for _, slug := range st.served {
		if _, ok := cat.Factor(slug); !ok {
			t.Errorf("%s: factor %s is not served", st.name, slug)
		}
	}
	errs := cat.Problems.Errors()
	if len(errs) != len(st.problems) {
		t.Fatalf("%s: problems %v, want %d: %q", st.name, errs, len(st.problems), st.problems)
	}
	for i, want := range st.problems {
		if !strings.HasPrefix(errs[i].String(), want) {
			t.Errorf("%s: problem %d = %q, want prefix %q", st.name, i, errs[i], want)
		}
	}
}

func TestTreeDeletedFactorCount(t *testing.T) {
	fsys := fstest.MapFS{"factors/service-users.md": {Data: []byte(treeFactor)}}
	for _, s := range []string{"a", "b", "c"} {
		fsys["cases/"+s+".md"] = &fstest.MapFile{Data: []byte(treeCase(s, "service-users"))}
	}
	tree := NewTree()
	tree.Apply(fsys, []string{"."})
	delete(fsys, "factors/service-users.md")
	tree.Apply(fsys, []string{"factors"})
	cat := tree.Catalog()
	if len(cat.Problems) != 1 || cat.Problems[0].Count != 3 || cat.Problems[0].File != "factors/service-users.md" {
		t.Fatalf("problems = %+v, want one about factors/service-users.md with count 3", cat.Problems)
	}
	if len(cat.Cases) != 3 {
		t.Errorf("cases served = %d, want 3", len(cat.Cases))
	}
}

func TestTreeFirstScanPrefersTheShallowerFile(t *testing.T) {
	fsys := fstest.MapFS{
		"factors/collaboration.md": {Data: []byte(treeFactor)},
		"cases/hubs.md":            {Data: []byte(treeCase("Live", "collaboration"))},
		"cases/archive/hubs.md":    {Data: []byte(treeCase("Archived", "collaboration"))},
	}
	cat, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := cat.Case("hubs"); !ok || c.Title != "Live" {
		t.Errorf("hubs = %+v, want the file at the top of cases/", c)
	}
	if errs := cat.Problems.Errors(); len(errs) != 1 || errs[0].File != "cases/archive/hubs.md" {
		t.Errorf("problems = %v, want one blaming cases/archive/hubs.md", errs)
	}
}

func TestProblemsGrouped(t *testing.T) {
	ps := Problems{
		{File: "cases/a.md", Line: 7, Severity: Error, Message: `unknown factor "x"`},
		{File: "cases/z.md", Line: 3, Severity: Warning, Message: "raw HTML"},
		{File: "cases/b.md", Line: 8, Severity: Error, Message: `unknown factor "x"`},
		{File: "factors/f.md", Severity: Error, Count: 21, Message: "factors/f.md was deleted, but 21 cases use the factor \"f\""},
		{File: "cases/c.md", Line: 9, Severity: Error, Message: `unknown factor "x"`},
		{File: "cases/d.md", Line: 9, Severity: Error, Message: `unknown factor "x"`},
	}
	want := []struct {
		text  string
		count int
	}{
		{`4 files: unknown factor "x" (cases/a.md:7, cases/b.md:8, cases/c.md:9 and 1 more)`, 4},
		{`factors/f.md: factors/f.md was deleted, but 21 cases use the factor "f"`, 21},
		{`cases/z.md:3: warning: raw HTML`, 1},
	}
	got := ps.Grouped()
	if len(got) != len(want) {
		t.Fatalf("groups = %v", got)
	}
	for i, w := range want {
		if got[i].String() != w.text || got[i].Count != w.count {
			t.Errorf("group %d = %q (count %d), want %q (count %d)", i, got[i], got[i].Count, w.text, w.count)
		}
	}
}
