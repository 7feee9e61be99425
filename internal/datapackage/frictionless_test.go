package datapackage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/nodetest"
)

// frictionlessReport is one package's report from testdata/js/validate.js.
type frictionlessReport struct {
	Path      string    `json:"path"`
	Name      string    `json:"name"`
	Profile   string    `json:"profile"`
	Licenses  []License `json:"licenses"`
	Resources []struct {
		Name string  `json:"name"`
		Rows int     `json:"rows"`
		Data [][]any `json:"data"`
	} `json:"resources"`
	Problems []string `json:"problems"`
}

// frictionless runs the Frictionless reference library (npm datapackage)
// once on every package in paths (datapackage.json files or zips) and
// returns its report on each, in order.
func frictionless(t *testing.T, paths []string) []frictionlessReport {
	t.Helper()
	out, err := nodetest.Run(t, filepath.Join("testdata", "js"), []string{"datapackage"}, "validate.js", append([]string{"--rows"}, paths...)...)
	var reports []frictionlessReport
	if jerr := json.Unmarshal(out, &reports); jerr != nil || len(reports) != len(paths) {
		t.Fatalf("validate.js gave %d reports for %d packages (%v, %v):\n%s", len(reports), len(paths), jerr, err, out)
	}
	return reports
}

// TestFrictionless runs the outside validator on the test package, written
// as a folder and as a zip, and on each of badPackages. It must load the good
// ones strictly, cast every row, resolve every foreign key and read back the
// very strings we wrote; and it must reject every bad one, as Validate does
// (TestValidateFindsEachProblem), so this test can fail.
func TestFrictionless(t *testing.T) {
	dir := t.TempDir()
	good := testPackage()
	paths := []string{filepath.Join(dir, "good", DescriptorName), filepath.Join(dir, "good.zip")}
	if err := WriteDir(filepath.Join(dir, "good"), good); err != nil {
		t.Fatal(err)
	}
	var zipped bytes.Buffer
	if err := WriteZip(&zipped, good); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(paths[1], zipped.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, tc := range badPackages {
		p := testPackage()
		tc.change(&p)
		bad := filepath.Join(dir, fmt.Sprintf("bad%d", i))
		if err := WriteDir(bad, p); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, filepath.Join(bad, DescriptorName))
	}
	reports := frictionless(t, paths)

	for i, name := range []string{"folder", "zip"} {
		t.Run(name, func(t *testing.T) {
			checkAccepted(t, good, reports[i])
		})
	}
	for i, tc := range badPackages {
		t.Run(tc.name, func(t *testing.T) {
			r := reports[i+2]
			if len(r.Problems) == 0 {
				t.Fatalf("the Frictionless validator accepts a package with a %s", tc.name)
			}
			said := strings.Join(r.Problems, "\n")
			if !strings.Contains(said, tc.node) {
				t.Errorf("validator said %q; want it to mention %q", said, tc.node)
			}
			t.Logf("validator: %s", said)
		})
	}
}

// checkAccepted checks the validator's report on the good package p.
func checkAccepted(t *testing.T, p Package, r frictionlessReport) {
	t.Helper()
	if len(r.Problems) > 0 {
		t.Fatalf("the Frictionless validator rejects the package:\n%s", strings.Join(r.Problems, "\n"))
	}
	if r.Profile != "tabular-data-package" || r.Name != p.Name || len(r.Licenses) != 1 || r.Licenses[0] != p.Licenses[0] {
		t.Errorf("read profile %q, name %q, licenses %+v", r.Profile, r.Name, r.Licenses)
	}
	if len(r.Resources) != len(p.Resources) {
		t.Fatalf("read %d resources, want %d", len(r.Resources), len(p.Resources))
	}
	for i, res := range p.Resources {
		got := r.Resources[i]
		if got.Name != res.Name || got.Rows != len(res.Rows) || len(got.Data) != len(res.Rows) {
			t.Errorf("resource %d: read %s with %d rows, want %s with %d", i, got.Name, got.Rows, res.Name, len(res.Rows))
			continue
		}
		for j, row := range res.Rows {
			for k, f := range res.Schema.Fields {
				if f.Type == TypeString && got.Data[j][k] != row[k] {
					t.Errorf("%s row %d %s: read %q, wrote %q", res.Path, j+1, f.Name, got.Data[j][k], row[k])
				}
			}
		}
	}
}
