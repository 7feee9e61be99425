package web

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/search"
)

// overviewCounts are the figures of an overview: the matching cases
// counted per year, level, country, factor and pair of factors. It is the
// body of /api/v1/overview.
type overviewCounts struct {
	Total        int          `json:"total"`
	Years        []yearCount  `json:"years"`        // oldest first
	Levels       []valueCount `json:"levels"`       // from the most local
	Countries    []valueCount `json:"countries"`    // most cases first, then by name
	Factors      []valueCount `json:"factors"`      // most cases first, then by title
	Cooccurrence []pairCount  `json:"cooccurrence"` // pairs with a < b, most cases first
}

type yearCount struct {
	Year  int `json:"year"`
	Count int `json:"count"`
}

// valueCount is a filter value with its number of cases.
type valueCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// pairCount is the number of cases showing both factors A and B.
type pairCount struct {
	A     string `json:"a"`
	B     string `json:"b"`
	Count int    `json:"count"`
}

// countOverview counts the cases themselves: a case counts once per year,
// level and country, and once for each of its factors and pairs of them.
// Countries are compared ignoring case, as the country filter does, and
// named as the labels show them.
func (st *state) countOverview(cases []*catalog.Case) overviewCounts {
	out := overviewCounts{Total: len(cases), Years: []yearCount{}, Levels: []valueCount{}, Countries: []valueCount{},
		Factors: []valueCount{}, Cooccurrence: []pairCount{}}
	years := map[int]int{}
	levels := map[string]int{}
	spelled := map[string]int{} // per country as written, lower-cased below
	slugs := st.cat.Factors     // factors by number: index i of the counts is slugs[i]
	factors := make([]int, len(slugs))
	pairs := make([][]int, len(slugs))
	for i := range pairs {
		pairs[i] = make([]int, len(slugs))
	}
	var nums []int
	for _, c := range cases {
		years[c.Year]++
		levels[c.Level]++
		spelled[c.Country]++
		nums = nums[:0]
		for _, f := range c.Factors {
			if i, ok := st.factorNum[f]; ok {
				nums = append(nums, i)
			}
		}
		for k, i := range nums {
			factors[i]++
			for _, j := range nums[k+1:] {
				pairs[i][j]++
			}
		}
	}
	countries := map[string]int{}
	for c, n := range spelled {
		countries[strings.ToLower(c)] += n
	}
	for y, n := range years {
		out.Years = append(out.Years, yearCount{y, n})
	}
	slices.SortFunc(out.Years, func(a, b yearCount) int { return a.Year - b.Year })
	for _, l := range catalog.Levels {
		if n := levels[l]; n > 0 {
			out.Levels = append(out.Levels, valueCount{l, n})
		}
	}
	for k, n := range countries {
		out.Countries = append(out.Countries, valueCount{st.labels.Label("country", k), n})
	}
	slices.SortFunc(out.Countries, func(a, b valueCount) int {
		return cmp.Or(b.Count-a.Count, strings.Compare(strings.ToLower(a.Value), strings.ToLower(b.Value)))
	})
	for i, n := range factors {
		if n > 0 {
			out.Factors = append(out.Factors, valueCount{slugs[i].Slug, n})
		}
	}
	slices.SortFunc(out.Factors, func(a, b valueCount) int {
		return cmp.Or(b.Count-a.Count, strings.Compare(strings.ToLower(st.factorTitle(a.Value)), strings.ToLower(st.factorTitle(b.Value))), strings.Compare(a.Value, b.Value))
	})
	for i := range pairs {
		for j := i + 1; j < len(pairs); j++ {
			if n := pairs[i][j] + pairs[j][i]; n > 0 { // in whichever order a case lists them
				a, b := slugs[i].Slug, slugs[j].Slug
				out.Cooccurrence = append(out.Cooccurrence, pairCount{min(a, b), max(a, b), n})
			}
		}
	}
	slices.SortFunc(out.Cooccurrence, func(a, b pairCount) int {
		return cmp.Or(b.Count-a.Count, strings.Compare(a.A, b.A), strings.Compare(a.B, b.B))
	})
	return out
}

// overviewQuery reads the search of an overview request: the search
// parameters of /cases; a format other than JSON is refused.
func overviewQuery(rawQuery string) (search.Query, error) {
	params, err := parseSearchParams(rawQuery)
	if err != nil {
		return search.Query{}, err
	}
	if params.Format != formatJSON {
		return search.Query{}, &search.QueryError{Param: "format", Message: "an overview comes only as JSON: leave out format"}
	}
	return params.Query, nil
}

// matchingCases returns every case q matches, whatever its page.
func (st *state) matchingCases(c *gin.Context, q search.Query) ([]*catalog.Case, error) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), searchTimeout)
	defer cancel()
	q.Page, q.PerPage = 0, 0
	return st.ix.MatchSet(ctx, q)
}

// apiOverview answers the counts of the cases a search matches.
func (s *Server) apiOverview(c *gin.Context, st *state) error {
	q, err := overviewQuery(c.Request.URL.RawQuery)
	if err != nil {
		return err
	}
	cases, err := st.matchingCases(c, q)
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, st.countOverview(cases))
	return nil
}
