package web

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/datapackage"
	"github.com/casebook/casebook/internal/nodetest"
	"github.com/casebook/casebook/search"
)

// TestCSVDownloadOpensInASpreadsheet checks the API's CSV download: the
// byte-order mark, a file name naming the search, absolute URLs and factor
// names beside their slugs.
func TestCSVDownloadOpensInASpreadsheet(t *testing.T) {
	srv, _ := newTestServer(t, Config{BaseURL: "https://casebook.example.org"})
	w := get(t, srv, "/api/v1/search?format=csv&factor=service-users&level=provincial&level=local")
	body := w.Body.String()
	if !strings.HasPrefix(body, "\uFEFF") {
		t.Errorf("no byte-order mark: %q", body[:min(len(body), 20)])
	}
	date := time.Now().UTC().Format("2006-01-02")
	if got, want := w.Header().Get("Content-Disposition"), "attachment; filename=casebook-service-users-provincial-local-"+date+".csv"; got != want {
		t.Errorf("Content-Disposition %q, want %q", got, want)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		for i, h := range rows[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s in %v", name, rows[0])
		return -1
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want a header and 2 cases", len(rows))
	}
	hubs := rows[1]
	if hubs[col("url")] != "https://casebook.example.org/cases/community-hubs" ||
		hubs[col("factors")] != "collaboration; service-users" ||
		hubs[col("factor_names")] != "A culture of collaboration; A focus on service users" ||
		col("factor_names") != col("factors")+1 {
		t.Errorf("row %v", hubs)
	}
}

// TestSpreadsheetCells checks the cell rules the download takes from the
// one CSV codec: no cell reads as a formula, and "; " inside a list entry
// cannot split it.
func TestSpreadsheetCells(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"+1", "'+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"Medellín", "Medellín"},
		{"", ""},
		{"a=b", "a=b"},
	}
	for _, tt := range tests {
		if got := catalog.CSVSafe(tt.in); got != tt.want {
			t.Errorf("CSVSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, entries := range [][]string{{"health", "social services"}, {"one; two", "three"}, {`say "hi"; bye`}, {`a \ b | c`}} {
		joined := catalog.JoinList(entries)
		if got := catalog.SplitList(joined); !slices.Equal(got, entries) {
			t.Errorf("JoinList(%q) = %q reads back as %q", entries, joined, got)
		}
	}
}

func TestDownloadName(t *testing.T) {
	day := time.Date(2026, 11, 29, 23, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		q    search.Query
		want string
	}{
		{"nothing", search.Query{}, "casebook-all-2026-11-29"},
		{"filters", search.Query{Factors: []string{"executive-leadership"}, Levels: []string{"national"}}, "casebook-executive-leadership-national-2026-11-29"},
		{"text and years", search.Query{Text: `"São Paulo" -budget`, YearFrom: 2010}, "casebook-são-paulo-budget-year-from-2010-2026-11-29"},
		{"hostile", search.Query{Text: `"; rm -rf / .. \x`}, "casebook-rm-rf-x-2026-11-29"},
		{"long", search.Query{Text: strings.Repeat("word ", 40)}, "casebook-" + strings.TrimSuffix(strings.Repeat("word-", 12), "-") + "-2026-11-29"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := downloadName(tt.q, day); got != tt.want {
				t.Errorf("downloadName = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDataPackageZip downloads the data package, reads back its descriptor
// and has the Frictionless validator check the zip.
func TestDataPackageZip(t *testing.T) {
	srv, _ := newTestServer(t, Config{BaseURL: "https://casebook.example.org", Licence: mustLicence(t, "CC0-1.0")})
	w := get(t, srv, "/api/v1/datapackage.zip")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/zip" ||
		w.Header().Get("Content-Disposition") != "attachment; filename=casebook-datapackage-"+testVersion+".zip" {
		t.Fatalf("status %d, headers %v", w.Code, w.Header())
	}
	if again := get(t, srv, "/api/v1/datapackage.zip"); !bytes.Equal(again.Body.Bytes(), w.Body.Bytes()) {
		t.Error("a second download differs")
	}
	zr, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(datapackage.DescriptorName)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(f)
	var d struct {
		Version  string                `json:"version"`
		Licenses []datapackage.License `json:"licenses"`
		Sources  []datapackage.Source  `json:"sources"`
	}
	if err := json.Unmarshal(raw, &d); err != nil || d.Version != testVersion || d.Licenses[0].Name != "CC0-1.0" ||
		d.Sources[0].Path != "https://casebook.example.org/" {
		t.Errorf("descriptor (%v): %s", err, raw)
	}
	file := filepath.Join(t.TempDir(), "casebook.zip")
	if err := os.WriteFile(file, w.Body.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := nodetest.Run(t, filepath.Join("..", "datapackage", "testdata", "js"), []string{"datapackage"}, "validate.js", file)
	if err != nil {
		t.Errorf("the Frictionless validator rejects the zip: %v\n%s", err, out)
	}
}
