package datapackage

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestDescriptorGolden pins datapackage.json of the test package.
func TestDescriptorGolden(t *testing.T) {
	got, err := testPackage().Descriptor()
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "datapackage.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("datapackage.json differs from %s (go test -update rewrites it):\n%s", golden, got)
	}
}

// descriptorShape is the part of datapackage.json the write tests check.
type descriptorShape struct {
	Profile   string    `json:"profile"`
	Name      string    `json:"name"`
	Version   string    `json:"version"`
	Created   string    `json:"created"`
	Licenses  []License `json:"licenses"`
	Resources []struct {
		Profile, Name, Path, Format, Mediatype, Encoding string
		Schema                                           Schema
	} `json:"resources"`
}

// TestWriteDirReadsBack writes the test package to a folder and reads the
// descriptor and every CSV file back with encoding/csv.
func TestWriteDirReadsBack(t *testing.T) {
	p := testPackage()
	dir := filepath.Join(t.TempDir(), "out")
	if err := WriteDir(dir, p); err != nil {
		t.Fatal(err)
	}
	checkFiles(t, p, func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))) })
}

// TestWriteZipReadsBack writes the test package as a zip and reads it back.
func TestWriteZipReadsBack(t *testing.T) {
	p := testPackage()
	var buf bytes.Buffer
	if err := WriteZip(&buf, p); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(p.Created) {
			t.Errorf("%s dated %v, want %v", f.Name, f.Modified, p.Created)
		}
	}
	if want := []string{"datapackage.json", "cases.csv", "data/", "data/factors.csv", "data/case_factors.csv", "outcomes.csv"}; !slices.Equal(names, want) {
		t.Errorf("zip holds %q, want %q", names, want)
	}
	checkFiles(t, p, func(name string) ([]byte, error) {
		f, err := zr.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return io.ReadAll(f)
	})
}

// checkFiles checks the descriptor and CSV files that read returns for p.
func checkFiles(t *testing.T, p Package, read func(name string) ([]byte, error)) {
	t.Helper()
	raw, err := read("datapackage.json")
	if err != nil {
		t.Fatal(err)
	}
	var d descriptorShape
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	if d.Profile != "tabular-data-package" || d.Name != p.Name || d.Version != p.Version || d.Created != "2026-11-29T12:30:00Z" {
		t.Errorf("descriptor: profile %q name %q version %q created %q", d.Profile, d.Name, d.Version, d.Created)
	}
	if !slices.Equal(d.Licenses, p.Licenses) {
		t.Errorf("licenses %+v, want %+v", d.Licenses, p.Licenses)
	}
	if len(d.Resources) != len(p.Resources) {
		t.Fatalf("%d resources, want %d", len(d.Resources), len(p.Resources))
	}
	for i, r := range p.Resources {
		dr := d.Resources[i]
		if dr.Profile != "tabular-data-resource" || dr.Format != "csv" || dr.Mediatype != "text/csv" || dr.Encoding != "utf-8" || dr.Path != r.Path || dr.Name != r.Name {
			t.Errorf("resource %d: %+v", i, dr)
		}
		if len(dr.Schema.Fields) != len(r.Schema.Fields) || !slices.Equal(dr.Schema.PrimaryKey, r.Schema.PrimaryKey) {
			t.Errorf("resource %s: schema %+v", r.Name, dr.Schema)
		}
		body, err := read(r.Path)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.HasPrefix(body, []byte("\uFEFF")) {
			t.Errorf("%s starts with a byte-order mark", r.Path)
		}
		records, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", r.Path, err)
		}
		if len(records) != len(r.Rows)+1 || !slices.Equal(records[0], fieldNames(r.Schema.Fields)) {
			t.Fatalf("%s: header %q and %d rows, want %q and %d", r.Path, records[0], len(records)-1, fieldNames(r.Schema.Fields), len(r.Rows))
		}
		for j, row := range r.Rows {
			if !slices.Equal(records[j+1], row) {
				t.Errorf("%s row %d: read %q, wrote %q", r.Path, j+1, records[j+1], row)
			}
		}
	}
}

func TestWriteRefusesUnsafePaths(t *testing.T) {
	for _, tc := range []struct{ name, path string }{
		{"parent", "../cases.csv"},
		{"absolute", "/tmp/cases.csv"},
		{"unclean", "data/../../x.csv"},
		{"backslash", `data\cases.csv`},
		{"descriptor", "datapackage.json"},
		{"empty", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := testPackage()
			p.Resources[0].Path = tc.path
			dir := t.TempDir()
			if err := WriteDir(filepath.Join(dir, "out"), p); err == nil {
				t.Errorf("WriteDir wrote a resource at %q", tc.path)
			}
			if err := WriteZip(io.Discard, p); err == nil {
				t.Errorf("WriteZip wrote a resource at %q", tc.path)
			}
			if errs := Validate(p); len(errs) == 0 {
				t.Errorf("Validate accepts path %q", tc.path)
			}
		})
	}
}

func TestValidateAcceptsTestPackage(t *testing.T) {
	if errs := Validate(testPackage()); len(errs) > 0 {
		t.Errorf("Validate: %v", errs)
	}
}

// badPackages are changes to the test package that each break one rule,
// with a piece of the problem Validate must report.
var badPackages = []struct {
	name   string
	change func(p *Package)
	want   string // a piece of what Validate reports
	node   string // a piece of what the Frictionless validator reports
}{
	{"bad integer", func(p *Package) { p.Resources[3].Rows[0][3] = "20x0" },
		`outcomes.csv row 1: year: "20x0" is not of type integer`, `The value "20x0" in column "year" is not type "integer"`},
	{"leading zero", func(p *Package) { p.Resources[3].Rows[1][0] = "02" },
		`outcomes.csv row 2: id: "02" is not of type integer`, `The value "02" in column "id" is not type "integer"`},
	{"bad foreign key", func(p *Package) { p.Resources[3].Rows[1][1] = "no-such-case" },
		`outcomes.csv row 2: foreign key [case] = ["no-such-case"] is not in cases [slug]`, `Foreign key "case" violation in row 3`},
	{"foreign key of a composite primary key", func(p *Package) { p.Resources[2].Rows[2][1] = "leadership" },
		`data/case_factors.csv row 3: foreign key [factor] = ["leadership"] is not in factors [slug]`, `Foreign key "factor" violation in row 4`},
	{"below minimum", func(p *Package) { p.Resources[0].Rows[0][2] = "1799" },
		"cases.csv row 1: year: 1799 is outside 1800..2027", `"minimum" constraint for column "year"`},
	{"not in enum", func(p *Package) { p.Resources[0].Rows[1][3] = "federal" },
		`level: "federal" is not one of local`, `"enum" constraint for column "level"`},
	{"required empty", func(p *Package) { p.Resources[0].Rows[2][1] = "" },
		"cases.csv row 3: title: a value is required", `"required" constraint for column "title"`},
	{"bad date", func(p *Package) { p.Resources[0].Rows[0][4] = "2026-02-30" },
		`reviewed: "2026-02-30" is not a date`, `in column "reviewed" is not type "date"`},
	{"bad boolean", func(p *Package) { p.Resources[0].Rows[0][5] = "yes" },
		`ongoing: "yes" is not a boolean`, `in column "ongoing" is not type "boolean"`},
	{"bad number", func(p *Package) { p.Resources[0].Rows[0][6] = "1,5" },
		`score: "1,5" is not of type number`, `in column "score" is not type "number"`},
	// The JavaScript library does not anchor patterns ("Metro Cable" contains
	// a match), so it only notices the foreign keys that no longer resolve.
	{"pattern", func(p *Package) { p.Resources[0].Rows[0][0] = "Metro Cable" },
		`slug: "Metro Cable" does not match`, `Foreign key "case" violation`},
	{"too long", func(p *Package) { p.Resources[0].Rows[0][1] = strings.Repeat("é", 201) },
		"title: 201 characters is outside the allowed length", `"maxLength" constraint for column "title"`},
	{"duplicate primary key", func(p *Package) { p.Resources[2].Rows[1][1] = "collaboration" },
		"data/case_factors.csv row 2: primary key [case factor] repeats row 1", `unique constraint violation in column "case, factor"`},
	{"duplicate unique", func(p *Package) { p.Resources[3].Rows[1][0] = "1" },
		`outcomes.csv row 2: id: "1" repeats row 1`, `unique constraint violation in column "id"`},
	{"short row", func(p *Package) { p.Resources[1].Rows[0] = []string{"collaboration"} },
		"data/factors.csv row 1: 1 values, want 2", "The row with 1 values does not match the 2 fields"},
	{"unknown type", func(p *Package) { p.Resources[1].Schema.Fields[1].Type = "text" },
		`field name has unknown type "text"`, `at "/resources/1/schema/fields/1" in descriptor`},
	{"missing reference", func(p *Package) { p.Resources[3].Schema.ForeignKeys[0].Reference.Resource = "studies" },
		`refers to resource "studies"`, "outcomes: "},
	{"bad package name", func(p *Package) { p.Name = "Casebook Data" },
		`name "Casebook Data" must be lower case`, `at "/name" in descriptor`},
	{"bad licence name", func(p *Package) { p.Licenses[0].Name = "CC BY 4.0" },
		"is not an Open Definition identifier", `at "/licenses/0/name" in descriptor`},
}

func TestValidateFindsEachProblem(t *testing.T) {
	for _, tc := range badPackages {
		t.Run(tc.name, func(t *testing.T) {
			p := testPackage()
			tc.change(&p)
			errs := Validate(p)
			if !slices.ContainsFunc(errs, func(err error) bool { return strings.Contains(err.Error(), tc.want) }) {
				t.Errorf("Validate = %v, want a problem containing %q", errs, tc.want)
			}
		})
	}
}

func TestValidateCapsProblems(t *testing.T) {
	p := testPackage()
	for range 500 {
		p.Resources[1].Rows = append(p.Resources[1].Rows, []string{"collaboration", ""})
	}
	errs := Validate(p)
	if len(errs) != maxProblems+1 || !strings.HasPrefix(errs[maxProblems].Error(), "and ") {
		t.Errorf("%d problems, last %v; want %d and a count of the rest", len(errs), errs[len(errs)-1], maxProblems+1)
	}
}
