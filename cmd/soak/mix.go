//go:build linux

package main

// The request mix: which requests the soak sends, how often, and the
// status each must get.

import (
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/corpus"
)

// request is one request of the mix and the status it must get.
type request struct {
	kind   string
	path   string
	status int
}

type mix struct {
	slugs   []string
	factors []string
	queries []corpus.Query
	levels  []string
	total   int
	weights []weighted
}

type weighted struct {
	weight int
	make   func(r *rand.Rand) request
}

func newMix(slugs, factors []string, queries []corpus.Query) *mix {
	m := &mix{slugs: slugs, factors: factors, queries: queries,
		levels: []string{"local", "regional", "provincial", "national", "international"}}
	add := func(weight int, f func(r *rand.Rand) request) {
		m.weights = append(m.weights, weighted{weight, f})
		m.total += weight
	}
	add(25, func(r *rand.Rand) request { // API search: text, maybe a factor, a page
		return request{"api-search", "/api/v1/search?" + m.searchQuery(r, true), 200}
	})
	add(20, func(r *rand.Rand) request { // the search page
		return request{"search-page", "/cases?" + m.searchQuery(r, true), 200}
	})
	add(10, func(r *rand.Rand) request { // browse without text
		return request{"browse-page", "/cases?" + m.searchQuery(r, false), 200}
	})
	add(20, func(r *rand.Rand) request {
		return request{"case-page", "/cases/" + pick(r, m.slugs), 200}
	})
	add(5, func(r *rand.Rand) request {
		return request{"api-case", "/api/v1/cases/" + pick(r, m.slugs), 200}
	})
	add(3, func(r *rand.Rand) request { return request{"factor-page", "/factors/" + pick(r, m.factors), 200} })
	add(2, func(r *rand.Rand) request {
		return request{"factors", pick(r, []string{"/factors", "/api/v1/factors"}), 200}
	})
	add(4, func(r *rand.Rand) request { return request{"home", "/", 200} })
	add(2, func(r *rand.Rand) request {
		return request{"other-page", pick(r, []string{"/about", "/feed.xml", "/robots.txt", "/healthz"}), 200}
	})
	add(1, func(r *rand.Rand) request { return request{"sitemap", "/sitemap.xml", 200} })
	add(1, func(r *rand.Rand) request { // a narrow CSV export
		q := pick(r, m.queries)
		v := url.Values{"q": {q.Text}, "factor": {pick(r, m.factors)}, "level": {pick(r, m.levels)}, "format": {"csv"}}
		return request{"csv", "/api/v1/search?" + v.Encode(), 200}
	})
	add(4, func(r *rand.Rand) request { return pick(r, hostile) })
	add(3, func(r *rand.Rand) request { // hostile query text at the limits
		return request{"hostile-text", "/api/v1/search?q=" + url.QueryEscape(pick(r, hostileTexts)), 200}
	})
	return m
}

func (m *mix) next(r *rand.Rand) request {
	n := r.IntN(m.total)
	for _, w := range m.weights {
		if n < w.weight {
			return w.make(r)
		}
		n -= w.weight
	}
	panic("unreachable")
}

// searchQuery is a query string from the benchmark query mix, with
// filters, sort and page drawn at random.
func (m *mix) searchQuery(r *rand.Rand, text bool) string {
	v := url.Values{}
	q := pick(r, m.queries)
	if text {
		v.Set("q", q.Text)
		if q.Factor != "" {
			v.Set("factor", q.Factor)
		}
	} else {
		v.Set("factor", pick(r, m.factors))
		if r.IntN(2) == 0 {
			v.Add("level", pick(r, m.levels))
		}
		if r.IntN(3) == 0 {
			from := 1990 + r.IntN(30)
			v.Set("year_from", strconv.Itoa(from))
			v.Set("year_to", strconv.Itoa(from+r.IntN(10)))
		}
	}
	if r.IntN(4) == 0 {
		v.Set("sort", pick(r, []string{"newest", "oldest", "title"}))
	}
	if r.IntN(3) == 0 {
		v.Set("page", strconv.Itoa(2+r.IntN(4)))
	}
	return v.Encode()
}

// hostile are bad requests: each must get its 4xx, never a 5xx.
var hostile = []request{
	{"hostile-4xx", "/api/v1/search?per_page=99999999999999999999", 400},
	{"hostile-4xx", "/api/v1/search?q=%ff", 400},
	{"hostile-4xx", "/cases?year_from=soon", 400},
	{"hostile-4xx", "/api/v1/search?sort=random", 400},
	{"hostile-4xx", "/api/v1/search?" + strings.Repeat("factor=collaboration&", 100), 400},
	{"hostile-4xx", "/api/v1/search?q=" + strings.Repeat("a+", 40), 400},
	{"hostile-4xx", "/api/v1/search?page=10000&per_page=100", 400},
	{"hostile-4xx", "/cases/..%2f..%2fetc%2fpasswd", 404},
	{"hostile-4xx", "/static/..%2fgo.mod", 404},
	{"hostile-4xx", "/api/v1/cases/%2e%2e", 404},
	{"hostile-4xx", "/factors/%00", 404},
}

// hostileTexts are query texts in other engines' syntax, within the limits.
var hostileTexts = []string{
	`title:budget AND (open OR data)^3 /.*/ *a* a~2`,
	`"unclosed phrase -x -"open data" [2000 TO 2020] {a} \\ : ^ ~ ?`,
	strings.Repeat("(", 400),
	strings.Repeat(`*?~^:/\ `, 50),
	`<script>alert(1)</script> ' OR 1=1 --`,
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }
