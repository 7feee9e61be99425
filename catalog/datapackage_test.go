package catalog_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/internal/datapackage"
	"github.com/casebook/casebook/internal/nodetest"
)

func loadPackage(t *testing.T, cat *catalog.Catalog) datapackage.Package {
	t.Helper()
	return catalog.DataPackage(cat, catalog.PackageInfo{Version: "abc1234", BaseURL: "https://casebook.example.org/",
		Created: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)})
}

// TestDataPackageColumns checks that every table has the columns it names,
// each described, and that the case table's rows match the catalogue.
func TestDataPackageColumns(t *testing.T) {
	cat, err := catalog.Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	p := loadPackage(t, cat)
	want := map[string][]string{
		"cases":         {"slug", "url", "title", "summary", "country", "jurisdiction", "level", "year", "status", "evidence", "reviewed", "added", "completeness", "sectors", "tags", "body"},
		"factors":       {"slug", "url", "title", "summary", "aliases"},
		"case_factors":  {"case", "factor"},
		"outcomes":      {"case", "number", "text", "source", "year", "independent"},
		"sources":       {"case", "number", "title", "url"},
		"organisations": {"case", "number", "organisation"},
	}
	if len(p.Resources) != len(want) {
		t.Fatalf("%d tables, want %d", len(p.Resources), len(want))
	}
	for _, r := range p.Resources {
		var names []string
		for _, f := range r.Schema.Fields {
			names = append(names, f.Name)
			if f.Description == "" {
				t.Errorf("%s.%s has no description", r.Name, f.Name)
			}
		}
		if !slices.Equal(names, want[r.Name]) {
			t.Errorf("table %s has columns %v, want %v", r.Name, names, want[r.Name])
		}
		if len(r.Rows) == 0 {
			t.Errorf("table %s is empty", r.Name)
		}
	}
	cases := p.Resources[0]
	if len(cases.Rows) != len(cat.Cases) {
		t.Errorf("cases has %d rows, the catalogue %d cases", len(cases.Rows), len(cat.Cases))
	}
	if got := cases.Rows[0][1]; got != "https://casebook.example.org/cases/"+cat.Cases[0].Slug {
		t.Errorf("first case url %q", got)
	}
	if p.Version != "abc1234" || p.Licenses[0].Name != "CC-BY-4.0" || p.Sources[0].Path != "https://casebook.example.org/" {
		t.Errorf("package metadata: version %q, licences %+v, sources %+v", p.Version, p.Licenses, p.Sources)
	}
	level := cases.Schema.Fields[6]
	if !slices.Equal(level.Constraints.Enum, catalog.Levels) || !level.Constraints.Required {
		t.Errorf("level column %+v: want the levels as enum, required", level)
	}
}

// TestJoinListKeepsValuesWhole checks that a "; " inside a list value
// cannot split it in the list column.
func TestJoinListKeepsValuesWhole(t *testing.T) {
	cat := catalog.Assemble([]*catalog.Case{{Slug: "a", Path: "cases/a.md", Title: "A", Summary: "S", Country: "C", Level: "local", Year: 2000,
		Tags: []string{"one; two", "three"}, Factors: []string{"f"}}},
		[]*catalog.Factor{{Slug: "f", Title: "F", Summary: "S"}}, nil, nil)
	row := loadPackage(t, cat).Resources[0].Rows[0]
	if got := row[14]; got != "one, two; three" || len(strings.Split(got, "; ")) != 2 {
		t.Errorf("tags column %q, want two values", got)
	}
}

// TestDataPackageValid checks the package of the embedded catalogue and of
// a generated 1,000-case corpus with datapackage.Validate and with the
// Frictionless reference library for JavaScript (npm datapackage), which
// loads the descriptor strictly, casts every row and resolves every foreign
// key. Without node it skips, unless CASEBOOK_NODE_REQUIRED is set.
func TestDataPackageValid(t *testing.T) {
	embedded, err := catalog.Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	generated, err := catalog.Load(corpus.Generate(1000, 1).FS())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(generated.Cases); n != 1000 {
		t.Fatalf("the corpus has %d cases, want 1000", n)
	}
	dir := t.TempDir()
	var paths []string
	for name, cat := range map[string]*catalog.Catalog{"embedded": embedded, "corpus": generated} {
		p := loadPackage(t, cat)
		if errs := datapackage.Validate(p); len(errs) > 0 {
			t.Errorf("%s: %d problems, first: %v", name, len(errs), errs[0])
		}
		if err := datapackage.WriteDir(filepath.Join(dir, name), p); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, filepath.Join(dir, name, datapackage.DescriptorName))
	}
	js := filepath.Join("..", "internal", "datapackage", "testdata", "js")
	out, err := nodetest.Run(t, js, []string{"datapackage"}, "validate.js", paths...)
	if err != nil {
		t.Fatalf("the Frictionless validator rejects the package: %v\n%s", err, out)
	}
	var reports []struct {
		Path      string `json:"path"`
		Resources []struct {
			Name string `json:"name"`
			Rows int    `json:"rows"`
		} `json:"resources"`
		Problems []string `json:"problems"`
	}
	if err := json.Unmarshal(out, &reports); err != nil || len(reports) != len(paths) {
		t.Fatalf("validate.js output (%v):\n%s", err, out)
	}
	for _, r := range reports {
		if len(r.Problems) > 0 || len(r.Resources) != 6 {
			t.Errorf("%s: %d tables, problems %v", r.Path, len(r.Resources), r.Problems)
		}
		if strings.Contains(r.Path, "corpus") && r.Resources[0].Rows != 1000 {
			t.Errorf("%s: the validator read %d cases, want 1000", r.Path, r.Resources[0].Rows)
		}
	}
}
