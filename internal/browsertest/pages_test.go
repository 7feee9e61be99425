package browsertest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"
)

// searchWord is the word the journeys type into the search box. It is a
// common word of the embedded catalogue; the tests check only that it finds
// something, not how much.
const searchWord = "community"

// emptyQueries are misspellings tried in turn for "an empty search": the
// first that finds no case but gets a "did you mean" is used.
var emptyQueries = []string{"hbus", "tiy", "comunityy zzqx", "qwertyuiop"}

// mainPage is one of the site's main pages.
type mainPage struct {
	name   string // short, for subtest and file names
	path   string
	status int // the status it answers; 0 means 200
}

var (
	pagesOnce sync.Once
	pagesList []mainPage
	pagesErr  error
)

// mainPages lists the pages every check covers: home, a search with
// results, a search with facets selected, an empty search, a case, the
// factors list, a factor and about; and, for the templates they alone use,
// a second page of results (pagination) and a page that is not found. The
// search, case and factor addresses come from the JSON API, so they follow
// the catalogue.
func mainPages(t *testing.T, s *site) []mainPage {
	t.Helper()
	pagesOnce.Do(func() { pagesList, pagesErr = findPages(s) })
	if pagesErr != nil {
		t.Fatal(pagesErr)
	}
	return pagesList
}

type apiSearch struct {
	Total   int `json:"total"`
	Results []struct {
		URL string `json:"url"`
	} `json:"results"`
	Facets map[string][]struct {
		Value string `json:"value"`
		Count int    `json:"count"`
	} `json:"facets"`
	Suggestion string `json:"suggestion"`
}

func findPages(s *site) ([]mainPage, error) {
	var res apiSearch
	if err := getJSON(s.base+"/api/v1/search?q="+url.QueryEscape(searchWord), &res); err != nil {
		return nil, err
	}
	if len(res.Results) == 0 || len(res.Facets["factor"]) == 0 || len(res.Facets["level"]) == 0 {
		return nil, fmt.Errorf("a search for %q finds no cases, or no factor and level facets; pick another searchWord", searchWord)
	}
	faceted := url.Values{"q": {searchWord}, "factor": {res.Facets["factor"][0].Value}, "level": {res.Facets["level"][0].Value}}

	empty := ""
	for _, q := range emptyQueries {
		var r apiSearch
		if err := getJSON(s.base+"/api/v1/search?q="+url.QueryEscape(q), &r); err != nil {
			return nil, err
		}
		if r.Total == 0 && (r.Suggestion != "" || empty == "") {
			empty = q
			if r.Suggestion != "" {
				break
			}
		}
	}
	if empty == "" {
		return nil, fmt.Errorf("every one of %q finds cases; add a query that finds none to emptyQueries", emptyQueries)
	}

	var factors struct {
		Factors []struct {
			URL   string `json:"url"`
			Count int    `json:"count"`
		} `json:"factors"`
	}
	if err := getJSON(s.base+"/api/v1/factors", &factors); err != nil {
		return nil, err
	}
	if len(factors.Factors) == 0 {
		return nil, fmt.Errorf("the catalogue has no success factors")
	}
	factor := factors.Factors[0].URL
	for _, f := range factors.Factors {
		if f.Count > 0 {
			factor = f.URL
			break
		}
	}

	pages := []mainPage{
		{name: "home", path: "/"},
		{name: "search", path: "/cases?q=" + url.QueryEscape(searchWord)},
		{name: "search-facets", path: "/cases?" + faceted.Encode()},
		{name: "search-empty", path: "/cases?q=" + url.QueryEscape(empty)},
		{name: "case", path: res.Results[0].URL},
		{name: "factors", path: "/factors"},
		{name: "factor", path: factor},
		{name: "about", path: "/about"},
		{name: "editor-guide", path: "/about/editor-guide"},
	}

	// A page of results with pagination: the second of the newest cases,
	// with fewer per page if the catalogue is small.
	var all apiSearch
	if err := getJSON(s.base+"/api/v1/search?sort=newest", &all); err != nil {
		return nil, err
	}
	perPage := 20
	if all.Total <= perPage {
		perPage = max(1, all.Total/3)
	}
	if all.Total > perPage {
		paged := url.Values{"sort": {"newest"}, "page": {"2"}}
		if perPage != 20 {
			paged.Set("per_page", fmt.Sprint(perPage))
		}
		pages = append(pages, mainPage{name: "search-page-2", path: "/cases?" + paged.Encode()})
	}
	pages = append(pages, mainPage{name: "not-found", path: "/cases/no-such-case", status: http.StatusNotFound})
	return pages, nil
}

func getJSON(u string, v any) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("GET %s: %v", u, err)
	}
	return nil
}
