package web

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/chart"
)

func TestAPIOverviewGolden(t *testing.T) {
	srv := hardenedServer(t)
	for _, tt := range []struct{ name, query string }{
		{"api_overview", ""},
		{"api_overview_filtered", "?level=local&level=provincial&q=hubs"},
	} {
		w := get(t, srv, "/api/v1/overview"+tt.query)
		if w.Code != 200 || w.Header().Get("Content-Type") != ctJSON {
			t.Fatalf("%s: status %d %s", tt.query, w.Code, w.Header().Get("Content-Type"))
		}
		golden(t, tt.name, w.Body.Bytes())
	}
}

type overviewBody struct {
	Total int `json:"total"`
	Years []struct {
		Year, Count int
	} `json:"years"`
	Levels       []valueCount `json:"levels"`
	Countries    []valueCount `json:"countries"`
	Factors      []valueCount `json:"factors"`
	Cooccurrence []pairCount  `json:"cooccurrence"`
}

// TestOverviewMatchesSearchFacets checks, for a table of searches, that the
// overview counts what /api/v1/search's facets count for each facet whose
// own filter is not in the search (those facets count the matching cases
// themselves), and the same total.
func TestOverviewMatchesSearchFacets(t *testing.T) {
	srv := hardenedServer(t)
	searches := []struct{ name, query string }{
		{"everything", ""},
		{"words", "q=hubs"},
		{"a factor", "factor=collaboration"},
		{"two factors", "factor=collaboration&factor=service-users"},
		{"a level", "level=local"},
		{"a country", "country=canada"},
		{"years", "year_from=2000&year_to=2016"},
		{"words and a factor", "q=digital&factor=collaboration"},
		{"nothing matches", "level=international"},
		{"unknown factor", "factor=no-such-factor"},
	}
	for _, tt := range searches {
		t.Run(tt.name, func(t *testing.T) {
			var ov overviewBody
			var sr struct {
				Total  int                       `json:"total"`
				Facets map[string][]facetCounted `json:"facets"`
			}
			getJSON(t, srv, "/api/v1/overview?"+tt.query, &ov)
			getJSON(t, srv, "/api/v1/search?per_page=1&"+tt.query, &sr)
			if ov.Total != sr.Total {
				t.Errorf("total %d, search says %d", ov.Total, sr.Total)
			}
			vals, _ := url.ParseQuery(tt.query)
			compared := 0
			for _, f := range []struct {
				facet, param string
				got          []valueCount
			}{{"level", "level", ov.Levels}, {"country", "country", ov.Countries}, {"factor", "factor", ov.Factors}} {
				if vals.Has(f.param) {
					continue
				}
				want := map[string]int{}
				for _, fv := range sr.Facets[f.facet] {
					if fv.Count > 0 {
						want[fv.Value] = fv.Count
					}
				}
				got := map[string]int{}
				for _, vc := range f.got {
					got[strings.ToLower(vc.Value)] = vc.Count
				}
				if !equalCounts(got, want) {
					t.Errorf("%s: overview %v, search facets %v", f.facet, got, want)
				}
				compared += len(want)
			}
			if sr.Total > 0 && compared == 0 {
				t.Error("no facet value compared, so the test proves nothing")
			}
			years := 0
			for _, y := range ov.Years {
				years += y.Count
			}
			if years != ov.Total {
				t.Errorf("years add up to %d, total %d", years, ov.Total)
			}
		})
	}
}

type facetCounted struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, n := range a {
		if b[k] != n {
			return false
		}
	}
	return true
}

func getJSON(t *testing.T, srv *Server, target string, v any) {
	t.Helper()
	w := get(t, srv, target)
	if w.Code != 200 {
		t.Fatalf("%s: status %d: %s", target, w.Code, w.Body.String())
	}
	if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
		t.Fatalf("%s: %v", target, err)
	}
}

func TestOverviewBadInput(t *testing.T) {
	srv := hardenedServer(t)
	tests := []struct {
		name, target string
		status       int
		want         string
	}{
		{"api bad year", "/api/v1/overview?year_from=soon", 400, `"code":"bad_request"`},
		{"api repeated year", "/api/v1/overview?year_to=2000&year_to=2001", 400, `"code":"bad_request"`},
		{"api csv", "/api/v1/overview?format=csv", 400, `an overview comes only as JSON`},
		{"api bad escape", "/api/v1/overview?q=%zz", 400, `"code":"bad_request"`},
		{"api unknown level matches nothing", "/api/v1/overview?level=galactic", 200, `"total":0`},
		{"page bad year", "/overview?year_from=soon&factor=collaboration", 400, `Search again without “Year from”`},
		{"page unknown factor", "/overview?factor=no-such-factor", 200, "Overview of 0 cases"},
		{"page huge page number", "/overview?page=999999", 400, "page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, srv, tt.target)
			if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.want) {
				t.Errorf("%s: status %d, want %d with %q:\n%s", tt.target, w.Code, tt.status, tt.want, truncate(w.Body.String(), 3000))
			}
		})
	}
}

func TestOverviewPage(t *testing.T) {
	srv := hardenedServer(t)
	tests := []struct {
		name, target  string
		want, notWant []string
		charts        int
	}{
		{"all cases", "/overview", []string{
			"<h1>Overview of 4 cases</h1>",
			`<a href="/cases">Back to these 4 cases in the search</a>`,
			`<a href="/cases?factor=collaboration">A culture of collaboration</a></th><td>3</td>`,
			`<a href="/cases?country=Brazil">Brazil</a></th><td>1</td>`,
			`<a href="/cases?level=local">Local</a></th><td>2</td>`,
			`<a href="/cases?factor=collaboration&amp;factor=service-users">1<span class="visually-hidden"> cases with A culture of collaboration and A focus on service users</span></a>`,
			`<tr><th scope="row">1989</th><td>1</td></tr>`,
			`aria-labelledby="map-title"`, "Canada: 1 case",
		}, []string{" style="}, 5},
		{"a search keeps its parameters", "/overview?q=hubs&level=provincial&sort=title&per_page=5", []string{
			"<h1>Overview of 1 case for “hubs”</h1>",
			`<a href="/cases?q=hubs&amp;level=provincial&amp;sort=title&amp;per_page=5">Back to this case in the search</a>`,
			`href="/api/v1/overview?q=hubs&amp;level=provincial&amp;sort=title&amp;per_page=5"`,
			`<a href="/cases?q=hubs&amp;factor=service-users&amp;level=provincial&amp;sort=title&amp;per_page=5">A focus on service users</a>`,
			"<li>Level of government: Provincial</li>",
		}, nil, 5},
		{"nothing matches", "/overview?level=international", []string{"<h1>Overview of 0 cases</h1>", "nothing to chart"}, []string{"<svg"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, srv, tt.target)
			if w.Code != 200 {
				t.Fatalf("status %d", w.Code)
			}
			body := w.Body.String()
			checkPageHas(t, body, tt.want, tt.notWant)
			if got := strings.Count(body, `role="img"`); got != tt.charts {
				t.Errorf("%d charts, want %d", got, tt.charts)
			}
			checkSafeMarkup(t, tt.target, body)
		})
	}
}

func TestCasesLinksToOverviewAndCompare(t *testing.T) {
	srv := hardenedServer(t)
	body := get(t, srv, "/cases?factor=collaboration&sort=title").Body.String()
	checkPageHas(t, body, []string{
		`<a href="/overview?factor=collaboration&amp;sort=title">Overview of these 3 cases</a>`,
		`<form id="compare" method="get" action="/compare"></form>`,
		`<input type="checkbox" form="compare" name="case" value="community-hubs" id="compare-community-hubs">`,
		`<button class="button button-secondary" type="submit" form="compare">`,
		`<details class="filters-toggle"><summary class="filters-summary">Filter</summary>`,
	}, nil)
}

func TestHomeCharts(t *testing.T) {
	srv := hardenedServer(t)
	st := srv.current()
	for name, markup := range map[string]string{"map": string(st.home.Map), "factors": string(st.home.Factors)} {
		if err := chart.Check(markup); err != nil {
			t.Errorf("home %s: %v", name, err)
		}
	}
	body := get(t, srv, "/").Body.String()
	checkPageHas(t, body, []string{
		`aria-labelledby="home-map-title"`, `aria-labelledby="home-factors-title"`, "Brazil: 1 case",
		`<a href="/overview">Overview of all 4 cases</a>`,
	}, nil)
	if n := strings.Count(body, `role="img"`); n != 2 {
		t.Errorf("home page has %d charts, want 2", n)
	}
	if !strings.Contains(body, ">A culture of collaboration</text>") || !strings.Contains(body, ">"+strconv.Itoa(3)+"</text>") {
		t.Error("the factor bars lack the collaboration bar and its count")
	}
}
