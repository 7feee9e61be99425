package web

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/webtest"
	"github.com/casebook/casebook/search"
)

func TestCasesPage(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	tests := []struct {
		name, path string
		want       []string
		notWant    []string
	}{
		{"results with highlights", "/cases?q=hubs", []string{
			`<a href="/cases/community-hubs">Community Hubs</a>`, "<mark>", "Ontario, Canada · 2015 · Provincial · Ongoing",
			`<li class="badge">A culture of collaboration</li>`, `<h2 class="results-count" id="results-count" tabindex="-1">`,
			`value="hubs"`, `<option value="" selected>Best match</option>`,
		}, []string{"Your filters", `<nav class="pagination"`}},
		{"browse everything", "/cases", []string{"4 cases found", `<option value="" selected>Newest first</option>`,
			`<legend>Success factor</legend>`, `<legend>Level of government</legend>`, `<legend>Country</legend>`,
			`<legend>Year started</legend>`, `<label for="year_from">From</label>`}, nil},
		{"facet counts", "/cases", []string{
			`<input type="checkbox" id="f-factor-833642b6" name="factor" value="collaboration">`,
			`<label for="f-factor-833642b6">A culture of collaboration <span class="count">(3)</span></label>`,
			`name="level" value="provincial">`, `>Provincial <span class="count">(1)</span>`,
		}, []string{`name="status" value=""`}},
		{"chosen filters", "/cases?factor=collaboration&sector=health", []string{
			`name="factor" value="collaboration" checked>`, `name="sector" value="health" checked>`,
			"Your filters", `<a class="applied-filter" href="/cases?sector=health"><span class="applied-kind">Factor:</span> A culture of collaboration`,
			`<a class="applied-filter" href="/cases?factor=collaboration"><span class="applied-kind">Sector:</span> health`,
			`<a href="/cases">Clear all filters</a>`, "2 cases found",
		}, nil},
		{"chosen value with no matches stays checked", "/cases?q=budget&tag=digital+service", []string{
			`name="tag" value="digital service" checked>`, "No cases found", "with the filters you chose",
		}, nil},
		{"year range", "/cases?q=x&year_from=2000&year_to=2016&sort=title", []string{
			`value="2000"`, `value="2016"`, `<span class="applied-kind">Year started:</span> 2000 to 2016`,
			`href="/cases?q=x&amp;sort=title"`, `<option value="title" selected>`,
		}, nil},
		{"reversed year range is empty", "/cases?year_from=2020&year_to=2000", []string{"No cases found", "2020 to 2000"}, nil},
		{"pagination", "/cases?per_page=1&page=2", []string{
			`<nav class="pagination" aria-label="Pages of results">`, `<a href="/cases?per_page=1" rel="prev">`,
			`<a href="/cases?page=3&amp;per_page=1" rel="next">`, `aria-current="page"><span class="visually-hidden">Page </span>2</a>`,
			"Showing 2 to 2", `<ol class="results" start="2">`, `<input type="hidden" name="per_page" value="1">`,
		}, nil},
		{"past the last page", "/cases?page=50", []string{"There are no results on this page", `<a href="/cases">Go to the first page of results</a>`}, nil},
		{"nothing found", "/cases?q=zzzzqqqxxx", []string{"No cases found", "No case studies match “zzzzqqqxxx”", "check the spelling"},
			[]string{"Download these results"}},
		{"csv link", "/cases?q=hubs&factor=collaboration&page=1&per_page=5&sort=title", []string{
			`<a href="/api/v1/search?q=hubs&amp;factor=collaboration&amp;sort=title&amp;format=csv" download>Download these results as CSV</a>`,
		}, nil},
		{"sort kept", "/cases?sort=oldest", []string{`<option value="oldest" selected>Oldest first</option>`}, nil},
		{"explicit relevance shows best match", "/cases?q=x&sort=relevance", []string{`<option value="" selected>Best match</option>`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, srv, tt.path)
			if w.Code != 200 {
				t.Fatalf("status %d", w.Code)
			}
			checkPageHas(t, w.Body.String(), tt.want, tt.notWant)
		})
	}
}

func TestCasesBadParams(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	tests := []struct{ name, query, retry string }{
		{"year", "q=hubs&year_from=soon&factor=collaboration", `<a class="more-link" href="/cases?factor=collaboration&amp;q=hubs">Search again without “Year from”</a>`},
		{"page", "page=x", `href="/cases">Search again without “Page”</a>`},
		{"per_page", "per_page=500&sort=title", `href="/cases?sort=title">Search again without “Results per page”</a>`},
		{"sort", "sort=best", "Search again without “Sort order”"},
		{"invalid UTF-8", "q=%ff&tag=a", `href="/cases?tag=a">Search again without “Search words”</a>`},
		{"too many words", "q=" + strings.Repeat("word+", 40), "Search again without “Search words”"},
		{"malformed", "q=%zz", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, srv, "/cases?"+tt.query)
			if w.Code != 400 || w.Header().Get("Content-Type") != ctHTML {
				t.Fatalf("status %d %s", w.Code, w.Header().Get("Content-Type"))
			}
			body := w.Body.String()
			webtest.CheckPage(t, body)
			if !strings.Contains(body, "There is a problem with your search") || !strings.Contains(body, `<a href="/cases">start a new search</a>`) {
				t.Errorf("not a friendly 400 page:\n%s", body)
			}
			if !strings.Contains(body, tt.retry) {
				t.Errorf("page lacks %s:\n%s", tt.retry, body)
			}
		})
	}
}

// stubIndex answers every search with one response and records the query.
type stubIndex struct {
	resp *search.Response
	got  search.Query
}

func (s *stubIndex) Search(_ context.Context, q search.Query) (*search.Response, error) {
	s.got = q
	return s.resp, nil
}
func (s *stubIndex) Matches(context.Context, search.Query) ([]*catalog.Case, error)  { return nil, nil }
func (s *stubIndex) MatchSet(context.Context, search.Query) ([]*catalog.Case, error) { return nil, nil }
func (s *stubIndex) Related(string, int) []*catalog.Case                             { return nil }
func (s *stubIndex) Close() error                                                    { return nil }

func TestCasesSuggestion(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	cat, _ := testIndex(t)
	stub := &stubIndex{resp: &search.Response{Query: "hubz", Page: 1, PerPage: 20, Suggestion: "hubs"}}
	srv.setState(newState(cat, stub, cat.Problems))
	body := get(t, srv, "/cases?q=hubz&factor=collaboration&page=2").Body.String()
	want := `Did you mean <a href="/cases?q=hubs&amp;factor=collaboration">hubs</a>?`
	if !strings.Contains(body, want) {
		t.Errorf("page lacks %s:\n%s", want, body)
	}
	if stub.got.Text != "hubz" || stub.got.Page != 2 || len(stub.got.Factors) != 1 {
		t.Errorf("search got %+v", stub.got)
	}
}

func TestFacetGroupsMore(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	cat, ix := testIndex(t)
	st := newState(cat, ix, cat.Problems)
	var facets search.Facets
	for i := range 12 {
		facets.Tag = append(facets.Tag, search.FacetValue{Value: fmt.Sprintf("tag%02d", i), Label: fmt.Sprintf("Tag %d", i), Count: 12 - i})
	}
	facets.Status = []search.FacetValue{{Value: "", Count: 3}, {Value: "ongoing", Label: "ongoing", Count: 2}}
	groups, applied := srv.facetGroups(st, search.Query{Tags: []string{"tag10", "unlisted"}}, &facets)
	var tag, status *facetGroup
	for i := range groups {
		switch groups[i].Legend {
		case "Tag":
			tag = &groups[i]
		case "Status":
			status = &groups[i]
		}
	}
	if tag == nil || len(tag.Options) != 8 || len(tag.More) != 5 || !tag.MoreOpen {
		t.Fatalf("tag group = %+v", tag)
	}
	if last := tag.More[4]; last.Value != "unlisted" || !last.Checked || last.Count != 0 {
		t.Errorf("chosen value missing from the facets: %+v", last)
	}
	if status == nil || len(status.Options) != 1 || status.Options[0].Label != "Ongoing" {
		t.Errorf("status group = %+v (empty values must be dropped, labels capitalised)", status)
	}
	if len(applied) != 2 || applied[0].Label != "Tag 10" || applied[0].RemoveURL != "/cases?tag=unlisted" {
		t.Errorf("applied = %+v", applied)
	}
}

func TestPaginate(t *testing.T) {
	numbers := func(p *pagination) string {
		var b strings.Builder
		for _, it := range p.Items {
			switch {
			case it.Gap:
				b.WriteString("… ")
			case it.Current:
				fmt.Fprintf(&b, "[%d] ", it.Number)
			default:
				fmt.Fprintf(&b, "%d ", it.Number)
			}
		}
		return strings.TrimSpace(b.String())
	}
	tests := []struct {
		name           string
		current, total int
		want           string
		prev, next     bool
		none           bool
	}{
		{"one page", 1, 20, "", false, false, true},
		{"first of three", 1, 60, "[1] 2 3", false, true, false},
		{"middle of many", 10, 400, "1 … 8 9 [10] 11 12 … 20", true, true, false},
		{"last of many", 20, 400, "1 … 18 19 [20]", true, false, false},
		{"past the end", 9, 40, "1 2", true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := paginate(search.Query{}, tt.current, 20, tt.total)
			if tt.none {
				if p != nil {
					t.Errorf("pagination for one page: %+v", p)
				}
				return
			}
			if got := numbers(p); got != tt.want || (p.Prev != "") != tt.prev || (p.Next != "") != tt.next {
				t.Errorf("got %q prev=%q next=%q, want %q", got, p.Prev, p.Next, tt.want)
			}
		})
	}
}

func TestSafeHighlight(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"marks kept", "a <mark>hub</mark> &amp; b", "a <mark>hub</mark> &amp; b"},
		{"escaped kept", "&lt;script&gt; <mark>x</mark>", "&lt;script&gt; <mark>x</mark>"},
		{"raw tag", "<script>alert(1)</script><mark>x</mark>", "&lt;script&gt;alert(1)&lt;/script&gt;x"},
		{"attribute", `<mark onclick="x">y</mark>`, "&lt;mark onclick=&#34;x&#34;&gt;y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(safeHighlight(tt.in)); got != tt.want {
				t.Errorf("safeHighlight(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
