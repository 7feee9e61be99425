package web

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/search"
)

// feedDoc is an Atom feed as the tests read it (/feed.xml and /cases/feed.xml).
type feedDoc struct {
	Title   string `xml:"title"`
	ID      string `xml:"id"`
	Updated string `xml:"updated"`
	Links   []struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
	} `xml:"link"`
	Entries []struct {
		Title     string `xml:"title"`
		ID        string `xml:"id"`
		Published string `xml:"published"`
		Updated   string `xml:"updated"`
		Summary   string `xml:"summary"`
		Link      struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Categories []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
	} `xml:"entry"`
}

// datedServer serves a catalogue of 120 cases, two thirds with the factor
// "a", most with an added date (some later reviewed) and some without.
func datedServer(t *testing.T) (*Server, *catalog.Catalog) {
	t.Helper()
	fsys := fstest.MapFS{
		"factors/a.md": {Data: []byte("---\ntitle: Factor A\nsummary: A.\n---\nA.\n")},
		"factors/b.md": {Data: []byte("---\ntitle: Factor B\nsummary: B.\n---\nB.\n")},
	}
	for i := range 120 {
		factor := "b"
		if i%3 != 0 {
			factor = "a"
		}
		front := fmt.Sprintf("title: Case %03d\nsummary: Case number %d.\ncountry: Canada\nlevel: local\nyear: %d\nfactors: [%s]\n", i, i, 1990+i%30, factor)
		if i%4 != 0 {
			front += fmt.Sprintf("added: 2026-%02d-%02d\n", 1+i%10, 1+(i*7)%28)
		}
		if i%5 == 0 {
			front += "reviewed: 2026-11-01\n"
		}
		fsys[fmt.Sprintf("cases/case-%03d.md", i)] = &fstest.MapFile{Data: []byte("---\n" + front + "---\nText.\n")}
	}
	cat, err := catalog.Load(fsys)
	if err != nil || len(cat.Problems.Errors()) > 0 {
		t.Fatalf("%v %v", err, cat.Problems)
	}
	ix, err := search.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	srv, _ := newTestServer(t, Config{BaseURL: "https://casebook.example.org"})
	srv.setState(newState(cat, ix, nil))
	return srv, cat
}

// addedKey is when a case counts as added, written as the feed writes it,
// computed here apart from the code under test.
func addedKey(c *catalog.Case) string {
	if c.Added != "" {
		return c.Added + "T00:00:00Z"
	}
	return fmt.Sprintf("%04d-01-01T00:00:00Z", c.Year)
}

// TestSearchFeed checks that a filtered feed holds exactly the 50 most
// recently added matches, newest first, dated by added (published) and the
// newer of added and reviewed (updated), and that /feed.xml follows the
// same rule for every case.
func TestSearchFeed(t *testing.T) {
	srv, cat := datedServer(t)
	tests := []struct {
		name, target, title string
		match               func(*catalog.Case) bool
	}{
		{"filtered", "/cases/feed.xml?factor=a", "Casebook: new case studies: Factor A", func(c *catalog.Case) bool { return c.Factors[0] == "a" }},
		{"filtered narrowly", "/cases/feed.xml?factor=b&year_from=2015", "Casebook: new case studies: Factor B · Year from 2015",
			func(c *catalog.Case) bool { return c.Factors[0] == "b" && c.Year >= 2015 }},
		{"every case", "/cases/feed.xml", "Casebook: new case studies", func(*catalog.Case) bool { return true }},
		{"site feed", "/feed.xml", "Casebook: public-sector innovation case studies", func(*catalog.Case) bool { return true }},
		{"no match", "/cases/feed.xml?q=zzzzqqqxxx", "Casebook: new case studies: “zzzzqqqxxx”", func(*catalog.Case) bool { return false }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, srv, tt.target)
			if w.Code != 200 || w.Header().Get("Content-Type") != "application/atom+xml; charset=utf-8" {
				t.Fatalf("status %d, %s", w.Code, w.Header().Get("Content-Type"))
			}
			var f feedDoc
			if err := xml.Unmarshal(w.Body.Bytes(), &f); err != nil {
				t.Fatal(err)
			}
			var want []*catalog.Case
			for _, c := range cat.Cases {
				if tt.match(c) {
					want = append(want, c)
				}
			}
			slices.SortFunc(want, func(a, b *catalog.Case) int {
				return cmp.Or(strings.Compare(addedKey(b), addedKey(a)), strings.Compare(a.Title, b.Title))
			})
			want = want[:min(len(want), 50)]
			if len(f.Entries) != len(want) {
				t.Fatalf("%d entries, want %d", len(f.Entries), len(want))
			}
			for i, e := range f.Entries {
				c := want[i]
				updated := addedKey(c)
				if c.Reviewed != "" && c.Reviewed+"T00:00:00Z" > updated {
					updated = c.Reviewed + "T00:00:00Z"
				}
				if e.Title != c.Title || e.ID != "https://casebook.example.org/cases/"+c.Slug || e.Published != addedKey(c) || e.Updated != updated {
					t.Errorf("entry %d: %+v, want %s published %s updated %s", i, e, c.Slug, addedKey(c), updated)
				}
			}
			if f.Title != tt.title {
				t.Errorf("feed title %q, want %q", f.Title, tt.title)
			}
			if len(want) > 0 && f.Updated < want[0].AddedAt().Format("2006-01-02") {
				t.Errorf("feed updated %s, before its newest entry", f.Updated)
			}
			if f.Links[0].Rel != "self" || !strings.HasPrefix(f.Links[0].Href, "https://casebook.example.org/") {
				t.Errorf("self link %+v", f.Links)
			}
		})
	}
}

func TestSearchFeedBadParams(t *testing.T) {
	srv := hardenedServer(t)
	for _, q := range []string{"year_from=abc", "per_page=0", "evidence_min=9", "page=x", "q=" + strings.Repeat("a", 501), "%zz", "format=pdf"} {
		if w := get(t, srv, "/cases/feed.xml?"+q); w.Code != 400 {
			t.Errorf("%s: status %d, want 400", q, w.Code)
		}
	}
}

// TestFollowThisSearch checks that the results page links its feed, in the
// head and visibly, and names its search in the title.
func TestFollowThisSearch(t *testing.T) {
	srv := hardenedServer(t)
	body := get(t, srv, "/cases?factor=collaboration&level=national&page=1&sort=title").Body.String()
	checkPageHas(t, body, []string{
		`<title>A culture of collaboration · National – Casebook</title>`,
		`<link rel="alternate" type="application/atom+xml" title="Casebook: new case studies: A culture of collaboration · National" href="/cases/feed.xml?factor=collaboration&amp;level=national">`,
		`<a href="/cases/feed.xml?factor=collaboration&amp;level=national" type="application/atom+xml">Follow this search</a>`,
		`<meta property="og:title" content="A culture of collaboration · National">`,
		`<meta property="og:url" content="http://casebook.test/cases?factor=collaboration&amp;level=national&amp;page=1&amp;sort=title">`,
	}, nil)
	home := get(t, srv, "/").Body.String()
	checkPageHas(t, home, []string{"<h2 id=\"recent\">Recently added</h2>", `<meta property="og:description"`}, []string{"Most recent cases"})
}
