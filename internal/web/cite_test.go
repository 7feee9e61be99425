package web

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/nodetest"
)

// citedItem is an entry read back from a citation, as CSL-JSON.
type citedItem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	URL       string `json:"URL"`
	Version   string `json:"version"`
	Publisher string `json:"publisher"`
	Issued    struct {
		DateParts [][]int `json:"date-parts"`
	} `json:"issued"`
	Accessed *struct {
		DateParts [][]int `json:"date-parts"`
	} `json:"accessed"`
}

// readCitations reads a citation download back as CSL-JSON items: CSL-JSON
// directly, BibTeX and RIS through citation-js (skipped without node).
func readCitations(t *testing.T, format string, body []byte) []citedItem {
	t.Helper()
	if format != "csljson" {
		file := filepath.Join(t.TempDir(), "cites."+format)
		if err := os.WriteFile(file, body, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := nodetest.Run(t, filepath.Join("..", "cite", "testdata", "js"),
			[]string{"@citation-js/core", "@citation-js/plugin-bibtex", "@citation-js/plugin-ris"}, "readback.js", format, file)
		if err != nil {
			t.Fatalf("citation-js cannot read the %s: %v\n%s", format, err, body)
		}
		body = out
	}
	var items []citedItem
	if err := json.Unmarshal(body, &items); err != nil {
		t.Fatalf("%s: %v\n%s", format, err, body)
	}
	return items
}

// TestCitations reads back the citations of one case and of a search in
// each format: one entry per matching case, with its title, year, absolute
// URL and, where the format's reader maps them, the content version and
// the date accessed.
func TestCitations(t *testing.T) {
	srv := hardenedServer(t)
	type want struct {
		title string
		year  int
		url   string
	}
	hubs := want{"Community Hubs", 2015, "http://casebook.test/cases/community-hubs"}
	tests := []struct {
		name, target string
		want         []want
	}{
		{"case", "/api/v1/cases/community-hubs", []want{hubs}},
		{"search", "/api/v1/search?factor=service-users&per_page=1&sort=title", []want{hubs, {"Porto Alegre Participatory Budgeting", 1989, "http://casebook.test/cases/porto-alegre-budget"}}},
		{"search with nothing", "/api/v1/search?q=zzzzqqqxxx", nil},
	}
	today := time.Now().UTC()
	for _, tt := range tests {
		for _, format := range []string{"bibtex", "ris", "csljson"} {
			t.Run(tt.name+"/"+format, func(t *testing.T) {
				sep := "?"
				if strings.Contains(tt.target, "?") {
					sep = "&"
				}
				w := get(t, srv, tt.target+sep+"format="+format)
				if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Disposition"), "attachment; filename=") {
					t.Fatalf("status %d, headers %v", w.Code, w.Header())
				}
				if len(tt.want) == 0 {
					if format == "csljson" && strings.TrimSpace(w.Body.String()) != "[]" {
						t.Errorf("no matches gave %q", w.Body.String())
					}
					return
				}
				items := readCitations(t, format, w.Body.Bytes())
				if len(items) != len(tt.want) {
					t.Fatalf("%d entries, want %d:\n%s", len(items), len(tt.want), w.Body.String())
				}
				for i, it := range items {
					wt := tt.want[i]
					if it.Title != wt.title || it.URL != wt.url || len(it.Issued.DateParts) == 0 || it.Issued.DateParts[0][0] != wt.year {
						t.Errorf("entry %d: %+v, want %+v", i, it, wt)
					}
					if format == "csljson" {
						if it.Type != "webpage" || it.Version != testVersion || it.Accessed == nil || it.Accessed.DateParts[0][0] != today.Year() {
							t.Errorf("entry %d: %+v: want a webpage with version %s, accessed today", i, it, testVersion)
						}
					}
				}
				if format != "csljson" && !strings.Contains(w.Body.String(), testVersion) {
					t.Errorf("the %s does not name the content version:\n%s", format, w.Body.String())
				}
			})
		}
	}
}

func TestCitationErrors(t *testing.T) {
	srv := hardenedServer(t)
	for _, target := range []string{"/api/v1/cases/community-hubs?format=pdf", "/api/v1/cases/community-hubs?format=csv",
		"/api/v1/cases/community-hubs?format=ris&format=bibtex", "/api/v1/search?format=endnote"} {
		if w := get(t, srv, target); w.Code != 400 || !strings.Contains(w.Body.String(), "bad_request") {
			t.Errorf("%s: %d %s", target, w.Code, w.Body.String())
		}
	}
	if w := get(t, srv, "/api/v1/cases/nope?format=ris"); w.Code != 404 {
		t.Errorf("unknown case: %d", w.Code)
	}
}

// TestCiteLinks checks that the case page and the results page offer the
// three citation downloads.
func TestCiteLinks(t *testing.T) {
	srv := hardenedServer(t)
	caseBody := get(t, srv, "/cases/community-hubs").Body.String()
	results := get(t, srv, "/cases?factor=collaboration&page=1").Body.String()
	for _, f := range []string{"bibtex", "ris", "csljson"} {
		if !strings.Contains(caseBody, `href="/api/v1/cases/community-hubs?format=`+f+`" download`) {
			t.Errorf("case page lacks the %s download", f)
		}
		if !strings.Contains(results, `href="/api/v1/search?factor=collaboration&amp;format=`+f+`" download`) {
			t.Errorf("results page lacks the %s download", f)
		}
	}
	if !slices.ContainsFunc(citeLinks("/x", ""), func(l citeLink) bool { return l.URL == "/x?format=ris" && l.Label == "RIS" }) {
		t.Error("citeLinks without a query")
	}
}
