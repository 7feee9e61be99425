package web

import (
	"cmp"
	"context"
	"errors"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/search"
)

// casesPage is the search and browse page.
type casesPage struct {
	page
	Q             string
	YearFrom      string
	YearTo        string
	PerPage       int // only when the request gave one
	SortOptions   []sortOption
	Groups        []facetGroup
	Applied       []appliedFilter
	ClearURL      string
	Total         int
	From, To      int
	Results       []resultView
	Suggestion    string
	SuggestionURL string
	// Partial says the search also shows cases that match most, not all, of
	// the words (AllWordsTotal cases have them all); MissingWords are the
	// words no case has, when none has them all.
	Partial       bool
	AllWordsTotal int
	MissingWords  []string
	Pages         *pagination
	CSVURL        string
	CiteLinks     []citeLink // the whole result set as citations
	FirstPageURL  string
	AllURL        string         // the search words alone, for "See all" in the home page's preview
	Reversed      *reversedYears // a year range that can find nothing
	OverviewURL   string         // the overview of the same search
}

type sortOption struct {
	Value, Label string
	Selected     bool
}

// facetGroup is one fieldset of checkboxes; More are shown on request.
type facetGroup struct {
	Legend    string
	Param     string // the URL parameter
	Hint      string // how ticked values combine, from the filter's Kind
	Find      string // label of the box that narrows a long list ("" for short lists)
	Options   []facetOption
	More      []facetOption
	MoreOpen  bool
	HelpURL   string // a page that explains the values, or ""
	HelpLabel string
}

// facetOption is one checkbox, or one radio button where Radio is set.
type facetOption struct {
	Name, ID, Value, Label string
	Count                  int // -1: not shown
	Checked                bool
	Radio                  bool
}

// appliedFilter is a chosen filter with a link that removes it.
type appliedFilter struct {
	Kind, Label, RemoveURL string
}

// resultView is a search result as the page shows it.
type resultView struct {
	search.Result
	Place      string
	Highlights []template.HTML
	Factors    []string // factor titles
	Grade      string   // evidence level and completeness: "Evidence 2 of 5 · Complete"
}

type pagination struct {
	Prev, Next string
	Items      []pageLink
}

type pageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// facetDisplay lists the filters shown as checkboxes on /cases, in page
// order, each with its short name in "Your filters" and how many values
// show before "more". Everything else about a filter comes from the one
// filter table in package search. The one number filter here,
// evidence_min, is shown as radio buttons (evidenceGroup).
var facetDisplay = []struct {
	param, kind string
	visible     int
}{
	{"factor", "Factor", 12}, {"level", "Level", 8}, {"status", "Status", 8},
	{"evidence_min", "Evidence", 0}, {"completeness", "Completeness", 3},
	{"country", "Country", 8}, {"sector", "Sector", 8}, {"tag", "Tag", 8},
}

var sortLabels = []sortOption{
	{Value: "", Label: "Best match"},
	{Value: search.SortNewest, Label: "Newest first"},
	{Value: search.SortOldest, Label: "Oldest first"},
	{Value: search.SortTitle, Label: "Title (A to Z)"},
}

func (s *Server) cases(c *gin.Context, st *state) error {
	params, err := parseSearchParams(c.Request.URL.RawQuery)
	if err != nil {
		return withRetry(err, c.Request.URL.RawQuery)
	}
	q := params.Query
	ctx, cancel := context.WithTimeout(c.Request.Context(), searchTimeout)
	defer cancel()
	resp, err := s.search(ctx, st, q)
	if err != nil {
		return withRetry(err, c.Request.URL.RawQuery)
	}
	if redirectEmptyParams(c, "/cases", q) {
		return nil
	}

	title := cmp.Or(st.describeSearch(q), "Case studies")
	if resp.Page > 1 {
		title += " (page " + strconv.Itoa(resp.Page) + ")"
	}
	p := s.newPage(c, st, title, "cases")
	p.Description = "Search and filter documented cases of public-sector innovation."
	p.NoIndex = c.Request.URL.RawQuery != ""
	p.Feed = searchFeed(st, q)

	v := casesPage{
		page:     p,
		Q:        q.Text,
		PerPage:  q.PerPage,
		Total:    resp.Total,
		ClearURL: withQuery("/cases", encodeQuery(search.Query{Text: q.Text, Sort: q.Sort, PerPage: q.PerPage}, "")),
	}
	if q.YearFrom != 0 {
		v.YearFrom = strconv.Itoa(q.YearFrom)
	}
	if q.YearTo != 0 {
		v.YearTo = strconv.Itoa(q.YearTo)
	}
	v.SortOptions = sortOptions(q)
	v.Reversed = reversedRange(q)
	v.Groups, v.Applied = s.facetGroups(st, q, &resp.Facets)
	if q.YearFrom != 0 || q.YearTo != 0 {
		rq := q.Clone()
		rq.YearFrom, rq.YearTo, rq.Page = 0, 0, 0
		v.Applied = append(v.Applied, appliedFilter{Kind: "Year started", Label: yearRange(q.YearFrom, q.YearTo),
			RemoveURL: withQuery("/cases", encodeQuery(rq, ""))})
	}

	perPage := max(resp.PerPage, 1)
	page := max(resp.Page, 1)
	v.From = (page-1)*perPage + 1
	v.To = v.From + len(resp.Results) - 1
	for _, r := range resp.Results {
		v.Results = append(v.Results, st.resultView(r))
	}
	v.Partial, v.MissingWords, v.AllWordsTotal = resp.Partial, resp.MissingWords, resp.AllWordsTotal
	if resp.Suggestion != "" {
		sq := q.Clone()
		sq.Text, sq.Page = resp.Suggestion, 0
		v.Suggestion, v.SuggestionURL = resp.Suggestion, withQuery("/cases", encodeQuery(sq, ""))
	}
	v.Pages = paginate(q, page, perPage, resp.Total)
	v.OverviewURL = withQuery("/overview", encodeQuery(q, ""))
	fq := q.Clone()
	fq.Page = 0
	v.FirstPageURL = withQuery("/cases", encodeQuery(fq, ""))
	fq.PerPage = 0
	v.CSVURL = withQuery("/api/v1/search", encodeQuery(fq, formatCSV))
	v.CiteLinks = citeLinks("/api/v1/search", encodeQuery(fq, ""))
	v.AllURL = withQuery("/cases", encodeQuery(search.Query{Text: q.Text}, ""))
	if tmpl := fragmentOf(c); tmpl != "" {
		return s.renderFragment(c, tmpl, v)
	}
	return s.render(c, 200, "cases", v)
}

// withRetry gives a bad search a link to the same search without the
// parameter at fault.
func withRetry(err error, rawQuery string) error {
	var qe *search.QueryError
	if !errors.As(err, &qe) {
		return err
	}
	label, known := paramLabel(qe.Param)
	if !known {
		return &httpError{status: http.StatusBadRequest, code: "bad_request", msg: messageInWords(qe), err: err}
	}
	vals, _ := url.ParseQuery(rawQuery) // keeps what parses
	vals.Del(qe.Param)
	for k, vs := range vals {
		if !utf8.ValidString(k) || slices.ContainsFunc(vs, func(v string) bool { return !utf8.ValidString(v) }) {
			vals.Del(k)
		}
	}
	return &httpError{status: http.StatusBadRequest, code: "bad_request", msg: messageInWords(qe), err: err,
		retry: &retryLink{URL: withQuery("/cases", vals.Encode()), Label: "Search again without “" + label + "”"}}
}

// facetGroups builds the checkbox groups from the response's facets and
// the chosen values, and lists the chosen values with links to remove them.
func (s *Server) facetGroups(st *state, q search.Query, facets *search.Facets) ([]facetGroup, []appliedFilter) {
	var groups []facetGroup
	var applied []appliedFilter
	for _, d := range facetDisplay {
		f, ok := search.LookupFilter(d.param)
		if !ok {
			continue
		}
		if !f.IsList() {
			g, a := evidenceGroup(f, q, facets, d.kind)
			groups, applied = append(groups, g), append(applied, a...)
			continue
		}
		chosen := f.Strings(&q)
		var opts []facetOption
		for _, fv := range f.FacetValues(facets) {
			if strings.TrimSpace(fv.Value) == "" {
				continue // cases without a value (e.g. no status) cannot be chosen
			}
			label := st.labels.Label(f.Facet, cmp.Or(fv.Label, fv.Value))
			opts = append(opts, facetOption{Value: fv.Value, Label: label, Count: fv.Count, Checked: containsFold(chosen, fv.Value)})
		}
		for _, val := range chosen {
			label := st.labels.Label(f.Facet, val)
			if i := slices.IndexFunc(opts, func(o facetOption) bool { return strings.EqualFold(o.Value, val) }); i >= 0 {
				label = opts[i].Label
			} else {
				opts = append(opts, facetOption{Value: val, Label: label, Checked: true})
			}
			applied = append(applied, appliedFilter{Kind: d.kind, Label: label, RemoveURL: withQuery("/cases", encodeQuery(f.Without(q, val), ""))})
		}
		if len(opts) == 0 {
			continue
		}
		for i := range opts {
			opts[i].Name = f.Param
			opts[i].ID = optionID(f.Param, opts[i].Value)
		}
		g := facetGroup{Legend: f.Label, Param: f.Param, Hint: kindHint(f.Kind), Options: opts}
		if len(opts) > findThreshold {
			g.Find = findLabel(f.Label)
		}
		if len(opts) > d.visible+1 {
			g.Options, g.More = opts[:d.visible], opts[d.visible:]
			g.MoreOpen = slices.ContainsFunc(g.More, func(o facetOption) bool { return o.Checked })
		}
		groups = append(groups, g)
	}
	return groups, applied
}

// resultView adds what the page shows to a result. Highlights come from the
// search package as escaped text with <mark> tags; anything else that looks
// like markup is shown as text instead.
func (st *state) resultView(r search.Result) resultView {
	v := resultView{Result: r, Place: (&catalog.Case{Country: r.Country, Jurisdiction: r.Jurisdiction}).Place(),
		Grade: st.evidenceGrade(r.Evidence, r.Completeness)}
	for _, h := range r.Highlights[:min(len(r.Highlights), maxHighlights)] {
		v.Highlights = append(v.Highlights, safeHighlight(h))
	}
	for _, f := range r.Factors {
		v.Factors = append(v.Factors, st.factorTitle(f))
	}
	return v
}

// maxHighlights is how many highlighted passages a result shows.
const maxHighlights = 2

var markTags = strings.NewReplacer("<mark>", "", "</mark>", "")

// safeHighlight trusts a highlight as HTML only if its sole tags are <mark>
// and </mark>; otherwise it is shown as plain text.
func safeHighlight(h string) template.HTML {
	if !strings.ContainsAny(markTags.Replace(h), "<>\"") {
		return template.HTML(h)
	}
	return template.HTML(html.EscapeString(html.UnescapeString(markTags.Replace(h))))
}

// paginate links the pages of results: the first, the last, and two on
// each side of the current one. It is nil when everything fits on one page.
func paginate(q search.Query, current, perPage, total int) *pagination {
	pages := (total + perPage - 1) / perPage
	if pages <= 1 && current <= 1 {
		return nil
	}
	link := func(n int) string {
		pq := q.Clone()
		pq.Page = n
		return withQuery("/cases", encodeQuery(pq, ""))
	}
	p := &pagination{}
	if current > 1 {
		p.Prev = link(min(current-1, max(pages, 1)))
	}
	if current < pages {
		p.Next = link(current + 1)
	}
	last := 0
	for n := 1; n <= pages; n++ {
		if n != 1 && n != pages && (n < current-2 || n > current+2) {
			continue
		}
		if last != 0 && n > last+1 {
			p.Items = append(p.Items, pageLink{Gap: true})
		}
		p.Items = append(p.Items, pageLink{Number: n, URL: link(n), Current: n == current})
		last = n
	}
	return p
}

func yearRange(from, to int) string {
	switch {
	case from != 0 && to != 0:
		return strconv.Itoa(from) + " to " + strconv.Itoa(to)
	case from != 0:
		return strconv.Itoa(from) + " or later"
	default:
		return strconv.Itoa(to) + " or earlier"
	}
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(v string) bool { return strings.EqualFold(v, s) })
}
