package web

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/casebook/casebook/internal/webtest"
	"github.com/casebook/casebook/search"
)

// TestCasesFragments checks the parts of /cases that search.js fetches:
// only the region it replaces, built by the same templates as the page,
// for the same search, never indexed.
func TestCasesFragments(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	tests := []struct {
		name, path string
		want       []string
		notWant    []string
	}{
		{"results", "/cases?q=hubs&factor=collaboration&fragment=results", []string{
			`<div class="finder-body" id="finder-body" data-title="“hubs” · A culture of collaboration – Casebook">`,
			`<h2 class="results-count" id="results-count" tabindex="-1">2 cases found for “hubs”</h2>`,
			`<a href="/cases/community-hubs">Community Hubs</a>`,
			`name="factor" value="collaboration" checked>`, "Your filters",
			`<p class="facet-hint" id="hint-factor">Cases must have all ticked</p>`,
		}, []string{"<html", "<head", "<main", `id="q"`, "<form"}},
		{"results without words", "/cases?fragment=results", []string{`id="finder-body"`, "4 cases found",
			`<option value="" selected>Newest first</option>`}, []string{"Best match", "<html"}},
		{"preview", "/cases?q=hubs&per_page=1&fragment=preview", []string{
			`<div class="preview" id="preview">`, `<h2 class="preview-count" id="preview-count">2 cases found for “hubs”</h2>`,
			`<a class="more-link" href="/cases?q=hubs">See all 2 cases for “hubs”</a>`,
		}, []string{"<html", "finder-body", "per_page", "fragment="}},
		{"preview finds nothing", "/cases?q=zzzzqqqxxx&fragment=preview", []string{"No cases found", "Press Enter"}, []string{"<ol"}},
		{"links leave the fragment parameter out", "/cases?per_page=1&fragment=results", []string{
			`<a href="/cases?page=2&amp;per_page=1" rel="next">`,
		}, []string{"fragment="}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, srv, tt.path)
			if w.Code != 200 || w.Header().Get("Content-Type") != ctHTML || w.Header().Get("X-Robots-Tag") != "noindex" {
				t.Fatalf("status %d, Content-Type %q, X-Robots-Tag %q", w.Code, w.Header().Get("Content-Type"), w.Header().Get("X-Robots-Tag"))
			}
			body := w.Body.String()
			for _, f := range tt.want {
				if !strings.Contains(body, f) {
					t.Errorf("fragment lacks %s", f)
				}
			}
			for _, f := range tt.notWant {
				if strings.Contains(body, f) {
					t.Errorf("fragment has %s", f)
				}
			}
			if strings.Contains(body, "<script") {
				t.Errorf("fragment carries a script")
			}
			if t.Failed() {
				t.Logf("fragment:\n%s", body)
			}
		})
	}
}

// TestCasesFragmentMatchesPage checks that the fragment is exactly the
// region of the whole page it replaces.
func TestCasesFragmentMatchesPage(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	for _, q := range []string{"q=hubs", "", "factor=collaboration&level=local&level=national", "year_from=2020&year_to=2000", "per_page=1&page=3"} {
		page := get(t, srv, withQuery("/cases", q)).Body.String()
		frag := get(t, srv, withQuery("/cases", q+"&fragment=results")).Body.String()
		i := strings.Index(page, `<div class="finder-body" id="finder-body"`)
		if i < 0 || !strings.Contains(page[i:], strings.TrimSpace(frag)) {
			t.Errorf("%s: the fragment is not the page's finder body:\n%s", q, frag)
		}
	}
}

// TestCasesFragmentErrors checks that a bad search asked for as a fragment
// gets the same error as the page (search.js then loads the page).
func TestCasesFragmentErrors(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	w := get(t, srv, "/cases?year_from=soon&fragment=results")
	if w.Code != 400 || !strings.Contains(w.Body.String(), "“Year from” must be a year") {
		t.Errorf("status %d:\n%s", w.Code, truncate(w.Body.String(), 2000))
	}
	// An unknown fragment name gives the whole page.
	w = get(t, srv, "/cases?q=hubs&fragment=sidebar")
	if w.Code != 200 || !strings.Contains(w.Body.String(), "<!DOCTYPE html>") {
		t.Errorf("fragment=sidebar: %d, not the whole page", w.Code)
	}
}

// TestFilterHints checks that each filter says how its ticked values
// combine, from the filter table's Kind, and that long lists are marked
// for a find box.
func TestFilterHints(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	body := get(t, srv, "/cases").Body.String()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	hints := map[string]string{}
	webtest.Walk(doc, func(n *html.Node) {
		if n.Data == "p" && webtest.Attr(n, "class") == "facet-hint" && n.FirstChild != nil {
			hints[strings.TrimPrefix(webtest.Attr(n, "id"), "hint-")] = n.FirstChild.Data
		}
	})
	for _, f := range search.Filters() {
		if !f.IsList() || f.Facet == "" {
			continue
		}
		got, shown := hints[f.Param]
		if !shown {
			continue // not a checkbox group on /cases, or no values in the test catalogue
		}
		want := map[search.Kind]string{search.AllOf: "Cases must have all ticked", search.AnyOf: "Cases must have any one ticked"}[f.Kind]
		if got != want {
			t.Errorf("%s: hint %q, want %q", f.Param, got, want)
		}
	}
	for _, p := range []string{"factor", "tag", "sector", "level", "country"} {
		if _, ok := hints[p]; !ok {
			t.Errorf("the %s filter has no hint", p)
		}
	}
	if !strings.Contains(body, `aria-describedby="hint-factor"`) {
		t.Errorf("the factor fieldset is not described by its hint")
	}

	var facets search.Facets
	for i := range findThreshold + 1 {
		facets.Tag = append(facets.Tag, search.FacetValue{Value: "t" + string(rune('a'+i)), Count: 1})
	}
	for i := range findThreshold {
		facets.Sector = append(facets.Sector, search.FacetValue{Value: "s" + string(rune('a'+i)), Count: 1})
	}
	cat, ix := testIndex(t)
	groups, _ := srv.facetGroups(newState(cat, ix, cat.Problems), search.Query{}, &facets)
	for _, g := range groups {
		switch g.Param {
		case "tag":
			if g.Find != "Find a tag" {
				t.Errorf("tag group with %d values: Find = %q", findThreshold+1, g.Find)
			}
		case "sector":
			if g.Find != "" {
				t.Errorf("sector group with %d values gets a find box %q", findThreshold, g.Find)
			}
		}
	}
}

func TestSortOptions(t *testing.T) {
	tests := []struct {
		name     string
		q        search.Query
		want     string // labels, the selected one in brackets
		bestWith string // value of the first option
	}{
		{"no words", search.Query{}, "[Newest first] Oldest first Title (A to Z)", ""},
		{"no words, oldest", search.Query{Sort: search.SortOldest}, "Newest first [Oldest first] Title (A to Z)", ""},
		{"no words, explicit newest", search.Query{Sort: search.SortNewest}, "[Newest first] Oldest first Title (A to Z)", ""},
		{"words", search.Query{Text: "hubs"}, "[Best match] Newest first Oldest first Title (A to Z)", ""},
		{"words, newest", search.Query{Text: "hubs", Sort: search.SortNewest}, "Best match [Newest first] Oldest first Title (A to Z)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var parts []string
			opts := sortOptions(tt.q)
			for _, o := range opts {
				if o.Selected {
					parts = append(parts, "["+o.Label+"]")
				} else {
					parts = append(parts, o.Label)
				}
			}
			if got := strings.Join(parts, " "); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if opts[0].Value != tt.bestWith {
				t.Errorf("the first option's value is %q, want %q (the default)", opts[0].Value, tt.bestWith)
			}
		})
	}
}

func TestMessageInWords(t *testing.T) {
	tests := []struct {
		name, param, msg, want string
	}{
		{"year", "year_from", `year_from must be a year such as 2015 (got "soon")`, `“Year from” must be a year such as 2015 (got "soon")`},
		{"text", "q", "q has 40 terms; the limit is 32", "“Search words” has 40 terms; the limit is 32"},
		{"filter", "factor", "factor is given 60 times; the limit is 50", "“Success factor” is given 60 times; the limit is 50"},
		{"web parameter", "format", "format must be json or csv", "“Format” must be json or csv"},
		{"number after the name", "page", "page 600 is too deep: at most 10000 results", "Page 600 is too deep: at most 10000 results"},
		{"no parameter", "", "the query string is malformed; check the address", "The query string is malformed; check the address"},
		{"unknown parameter", "utm", "utm is given 1000 times; the limit is 50", "Utm is given 1000 times; the limit is 50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := messageInWords(&search.QueryError{Param: tt.param, Message: tt.msg}); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestReversedYears checks that a reversed year range says why nothing was
// found and links to the range the right way round.
func TestReversedYears(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	body := get(t, srv, "/cases?q=hubs&year_from=2016&year_to=2010&factor=collaboration").Body.String()
	checkPageHas(t, body, []string{
		"No cases found", "The year range is reversed: 2016 to 2010.",
		`<a class="more-link" href="/cases?q=hubs&amp;factor=collaboration&amp;year_from=2010&amp;year_to=2016">Search from 2010 to 2016 instead</a>`,
	}, []string{"No case studies match"})
	swapped := get(t, srv, "/cases?q=hubs&factor=collaboration&year_from=2010&year_to=2016").Body.String()
	checkPageHas(t, swapped, []string{"2 cases found"}, []string{"reversed"})
	if r := reversedRange(search.Query{YearFrom: 2010, YearTo: 2010}); r != nil {
		t.Errorf("a one-year range is reported reversed: %+v", r)
	}
}
