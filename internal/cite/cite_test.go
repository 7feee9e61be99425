package cite

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/nodetest"
)

// accessed is the date of access in every test work.
var accessed = time.Date(2026, 11, 29, 15, 4, 5, 0, time.UTC)

// hostileWorks are works whose text tries every escaping rule: braces,
// quotes, line breaks, TeX specials, accented letters, a repeated key and an
// organisation whose name contains " and ".
func hostileWorks() []Work {
	return []Work{
		{Key: "metrocable", Title: "Metrocable in Medellín", URL: "https://casebook.example/cases/metrocable", Year: 2004,
			Summary: "Cable cars link hillside barrios.", Organisations: []string{"Empresa de Transporte Masivo del Valle de Aburrá"},
			Keywords: []string{"transport", "urban mobility"}, Version: "3f2a9c1", Accessed: accessed},
		{Key: "metrocable", Title: "Bilhete Único in São Paulo: {one} \"fare\"\nfor all", URL: "https://casebook.example/cases/bilhete-unico?x=1&y=%7B", Year: 2004,
			Authors: []string{"Doe, Jane"}, Organisations: []string{"Ministry of Health and Long-Term Care"}, Version: "3f2a9c1", Accessed: accessed},
		{Key: "percent", Title: `50% of $5 & #1_done ^ ~ \ back`, URL: "https://casebook.example/cases/percent", Year: 2019,
			Summary: "Line one\r\nline two\u2028line three", Version: "3f2a9c1", Accessed: accessed},
		{Key: "Ünïcode key!", Title: "Évaluation à Montréal — ‘quotes’ {unbalanced", URL: "https://casebook.example/cases/evaluation", Year: 1999,
			Publisher: "Casebook", Version: "3f2a9c1", Accessed: accessed},
	}
}

// readItem is what the tests read back from any format, as CSL data.
type readItem struct {
	ID             string    `json:"id"`
	Type           string    `json:"type"`
	Title          string    `json:"title"`
	URL            string    `json:"URL"`
	Publisher      string    `json:"publisher"`
	ContainerTitle string    `json:"container-title"`
	Version        string    `json:"version"`
	Issued         *cslDate  `json:"issued"`
	Accessed       *cslDate  `json:"accessed"`
	Author         []cslName `json:"author"`
}

// checkItems checks that items hold one entry per work, in order, with the
// work's title, year, URL and publisher; accessed and version too where the
// format's reader maps them (withAccessed).
func checkItems(t *testing.T, works []Work, items []readItem, withAccessed bool) {
	t.Helper()
	if len(items) != len(works) {
		t.Fatalf("read back %d entries, want %d (one per work)", len(items), len(works))
	}
	wantKeys := keys(works)
	for i, w := range works {
		it := items[i]
		if it.ID != wantKeys[i] {
			t.Errorf("entry %d: id %q, want %q", i, it.ID, wantKeys[i])
		}
		if want := oneLine(w.Title); it.Title != want {
			t.Errorf("entry %d: title %q, want %q", i, it.Title, want)
		}
		if it.URL != w.URL {
			t.Errorf("entry %d: URL %q, want %q", i, it.URL, w.URL)
		}
		if it.Issued == nil || len(it.Issued.DateParts) != 1 || len(it.Issued.DateParts[0]) == 0 || it.Issued.DateParts[0][0] != w.Year {
			t.Errorf("entry %d: issued %+v, want year %d", i, it.Issued, w.Year)
		}
		if it.Publisher != "Casebook" && it.ContainerTitle != "Casebook" {
			t.Errorf("entry %d: neither publisher %q nor container %q is Casebook", i, it.Publisher, it.ContainerTitle)
		}
		if !withAccessed {
			continue
		}
		if it.Accessed == nil || len(it.Accessed.DateParts) != 1 || !slices.Equal(it.Accessed.DateParts[0], []int{2026, 11, 29}) {
			t.Errorf("entry %d: accessed %+v, want 2026-11-29", i, it.Accessed)
		}
		if it.Version != w.Version {
			t.Errorf("entry %d: version %q, want %q", i, it.Version, w.Version)
		}
	}
}

// TestReadBackWithCitationJS writes the hostile works in BibTeX and RIS and
// reads them back with citation-js, a well-kept outside parser.
func TestReadBackWithCitationJS(t *testing.T) {
	works := hostileWorks()
	for _, tc := range []struct {
		name         string
		write        func(*bytes.Buffer) error
		withAccessed bool
	}{
		{"bibtex", func(b *bytes.Buffer) error { return BibTeX(b, works) }, true},
		{"ris", func(b *bytes.Buffer) error { return RIS(b, works) }, false}, // citation-js maps no ELEC date to accessed
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "works."+tc.name)
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := nodetest.Run(t, filepath.Join("testdata", "js"),
				[]string{"@citation-js/core", "@citation-js/plugin-bibtex", "@citation-js/plugin-ris"}, "readback.js", tc.name, file)
			if err != nil {
				t.Fatalf("citation-js could not read our %s: %v\n%s", tc.name, err, buf.String())
			}
			var items []readItem
			if err := json.Unmarshal(out, &items); err != nil {
				t.Fatalf("readback output: %v\n%s", err, out)
			}
			checkItems(t, works, items, tc.withAccessed)
		})
	}
}

// TestCSLJSON checks the CSL-JSON array: type, title, URL, issued and
// accessed on every item, hostile text intact.
func TestCSLJSON(t *testing.T) {
	works := hostileWorks()
	var buf bytes.Buffer
	if err := CSLJSON(&buf, works); err != nil {
		t.Fatal(err)
	}
	var items []readItem
	if err := json.Unmarshal(buf.Bytes(), &items); err != nil {
		t.Fatalf("not a JSON array: %v", err)
	}
	for i, it := range items {
		if it.Type != "webpage" {
			t.Errorf("item %d: type %q, want webpage", i, it.Type)
		}
	}
	checkItems(t, works, items, true)
	if got := items[1].Author; len(got) != 2 || got[0].Family != "Doe" || got[0].Given != "Jane" || got[1].Literal != "Ministry of Health and Long-Term Care" {
		t.Errorf("authors of item 1: %+v", got)
	}
}

func TestKeysAreSafeAndUnique(t *testing.T) {
	got := keys([]Work{{Key: "a"}, {Key: "a"}, {Key: "a-2"}, {Key: ""}, {Key: "é!"}, {Key: "x y"}})
	want := []string{"a", "a-2", "a-2-2", "case", "case-2", "xy"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("keys = %q, want %q", got, want)
	}
}

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		name, ext string
		ok        bool
	}{
		{"bibtex", ".bib", true}, {"ris", ".ris", true}, {"csljson", ".json", true}, {"csv", "", false}, {"", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := Lookup(tc.name)
			if ok != tc.ok || f.Extension != tc.ext || (ok && (f.Write == nil || !strings.Contains(f.MediaType, "/"))) {
				t.Errorf("Lookup(%q) = %+v, %v", tc.name, f, ok)
			}
		})
	}
}
