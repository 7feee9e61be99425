package search

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/casebook/casebook/catalog"
)

// maxDepth caps how far into the results a page may start: deeper pages
// cost memory for every result before them.
const maxDepth = 10000

// Search runs q and returns one page of results with facets, highlights and,
// when it finds little, a suggestion. Input the caller must fix is reported
// as a *QueryError.
func (ix *Index) Search(ctx context.Context, q Query) (*Response, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	from := (q.Page - 1) * q.PerPage
	if from+q.PerPage > maxDepth {
		return nil, &QueryError{"page", fmt.Sprintf("page %d is too deep: at most %d results can be paged through; narrow the search or download it as CSV", q.Page, maxDepth)}
	}
	parsed := parseText(q.Text)
	// Facets are counted while bleve collects the hits (see facets.go). An
	// any-of facet with a selection is counted as if it had none, in a
	// search of its own.
	var want [numFacets]bool
	for i, f := range facetFilters {
		want[i] = !f.ownSelectionIgnored() || !f.Selected(&q)
	}
	counts := ix.facets.newCounts(want)
	out, err := ix.run(ctx, &q, parsed, q.PerPage, from, counts)
	if err != nil {
		return nil, err
	}
	plan := out.plan
	resp := &Response{
		Query:         q.Text,
		Total:         out.total,
		Page:          q.Page,
		PerPage:       q.PerPage,
		Results:       make([]Result, 0, len(out.hits)),
		Partial:       out.fallback && out.total > out.allTotal,
		AllWordsTotal: out.allTotal,
		MissingWords:  out.missing,
	}
	for _, hit := range out.hits {
		c, ok := ix.cat.Case(hit.ID)
		if !ok {
			continue
		}
		resp.Results = append(resp.Results, Result{
			Record:       c.Record(),
			Score:        hit.Score,
			Evidence:     c.Evidence,
			Completeness: c.Completeness,
			Reviewed:     c.Reviewed,
			Highlights:   ix.highlights(c.Summary, c.Text, plan.marks),
			AllWords:     !out.fallback || out.allWords[hit.ID],
		})
	}
	for i, f := range facetFilters {
		if want[i] {
			continue
		}
		var one [numFacets]bool
		one[i] = true
		fc := ix.facets.newCounts(one)
		req := bleve.NewSearchRequestOptions(buildQuery(plan, filterQuery(&q, f.Facet)), 0, 0, false)
		if _, err := ix.idx.SearchInContext(ix.withFacetCounting(ctx, fc), req); err != nil {
			return nil, fmt.Errorf("facet %s: %w", f.Facet, err)
		}
		counts[i] = fc[i]
	}
	for i, f := range facetFilters {
		*f.facets(&resp.Facets) = ix.facetValues(i, counts[i], f.Strings(&q))
	}
	if !parsed.empty() {
		resp.Suggestion = ix.suggest(ctx, &q, parsed, out.allTotal)
	}
	return resp, nil
}

// Matches returns every case matching q, in q's sort order, not paged.
func (ix *Index) Matches(ctx context.Context, q Query) ([]*catalog.Case, error) {
	return ix.matches(ctx, q, false)
}

// MatchSet returns every case matching q, not paged, in slug order
// whatever q's sort: cheaper than Matches for callers that only count.
func (ix *Index) MatchSet(ctx context.Context, q Query) ([]*catalog.Case, error) {
	return ix.matches(ctx, q, true)
}

// sortSlug orders by slug, the document ID. It is not in Sorts: callers
// cannot ask for it, only MatchSet sets it, after validating the query.
const sortSlug = "\x00slug"

func (ix *Index) matches(ctx context.Context, q Query, bySlug bool) ([]*catalog.Case, error) {
	q.Page, q.PerPage = 0, 0
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if bySlug {
		q.Sort = sortSlug
	}
	size := len(ix.cat.Cases)
	if size == 0 {
		return []*catalog.Case{}, nil
	}
	res, err := ix.run(ctx, &q, parseText(q.Text), size, 0, nil)
	if err != nil {
		return nil, err
	}
	out := make([]*catalog.Case, 0, len(res.hits))
	for _, hit := range res.hits {
		if c, ok := ix.cat.Case(hit.ID); ok {
			out = append(out, c)
		}
	}
	return out, nil
}

// Count returns how many cases match q.
func (ix *Index) Count(ctx context.Context, q Query) (int, error) {
	q.Page, q.PerPage = 0, 0
	if err := q.Validate(); err != nil {
		return 0, err
	}
	res, err := ix.run(ctx, &q, parseText(q.Text), 0, 0, nil)
	if err != nil {
		return 0, err
	}
	return res.total, nil
}

// outcome is what run found: the hits of the requested window (all-words
// matches first), the total, and how the fallback went.
type outcome struct {
	hits     []*bsearch.DocumentMatch
	total    int
	allTotal int             // cases with every word (the all-words search's total)
	allWords map[string]bool // ids of the all-words matches, when the fallback ran
	fallback bool            // the fallback ran: hits may hold cases without every word
	missing  []string        // words that found nothing, when no case has every word
	plan     textPlan        // the plan of the final search (for highlights and facets)
}

// run executes the query, retrying without typo tolerance should the typo
// expansion be too large. Facets are counted into fc, if not nil.
func (ix *Index) run(ctx context.Context, q *Query, parsed parsedText, size, from int, fc *facetCounts) (*outcome, error) {
	out, err := ix.runOnce(ctx, q, parsed, size, from, fc, true)
	if err != nil && strings.Contains(err.Error(), "TooManyClauses") {
		out, err = ix.runOnce(ctx, q, parsed, size, from, fc, false)
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, fmt.Errorf("search: %w", err)
	}
	return out, nil
}

func (ix *Index) runOnce(ctx context.Context, q *Query, parsed parsedText, size, from int, fc *facetCounts, fuzzy bool) (*outcome, error) {
	fc.clear()
	plan := ix.planText(parsed, fuzzy, q.Prefix)
	units := plan.meaningful()
	if len(units) < 2 {
		res, err := ix.searchPlan(ctx, q, plan, size, from, fc)
		if err != nil {
			return nil, err
		}
		return &outcome{hits: res.Hits, total: int(res.Total), allTotal: int(res.Total), plan: plan}, nil
	}
	// Fetch from the start, and enough to know every all-words match should
	// the fallback run.
	res, err := ix.searchPlan(ctx, q, plan, max(from+size, fewResults), 0, fc)
	if err != nil {
		return nil, err
	}
	out := &outcome{total: int(res.Total), allTotal: int(res.Total), plan: plan}
	if !needsFallback(out.allTotal, units) {
		out.hits = window(res.Hits, from, size)
		return out, nil
	}
	if out.allTotal == 0 {
		if units, out.missing, err = ix.foundUnits(ctx, q, plan, units); err != nil {
			return nil, err
		}
	}
	if len(units) == 0 {
		return out, nil
	}
	out.fallback = true
	out.plan = plan.relaxed(units)
	fc.clear()
	res2, err := ix.searchPlan(ctx, q, out.plan, from+size+len(res.Hits), 0, fc)
	if err != nil {
		return nil, err
	}
	out.total = int(res2.Total)
	out.allWords = make(map[string]bool, len(res.Hits))
	merged := append([]*bsearch.DocumentMatch{}, res.Hits...)
	for _, h := range res.Hits {
		out.allWords[h.ID] = true
	}
	for _, h := range res2.Hits {
		if !out.allWords[h.ID] {
			merged = append(merged, h)
		}
	}
	out.hits = window(merged, from, size)
	return out, nil
}

// window returns hits[from:from+size], clipped.
func window(hits []*bsearch.DocumentMatch, from, size int) []*bsearch.DocumentMatch {
	if from >= len(hits) {
		return nil
	}
	return hits[from:min(len(hits), from+size)]
}

// searchPlan runs one bleve search of plan with q's filters and sort.
func (ix *Index) searchPlan(ctx context.Context, q *Query, plan textPlan, size, from int, fc *facetCounts) (*bleve.SearchResult, error) {
	req := bleve.NewSearchRequestOptions(buildQuery(plan, filterQuery(q, "")), size, from, false)
	req.SortByCustom(sortOrder(q.Sort))
	if fc != nil {
		ctx = ix.withFacetCounting(ctx, fc)
	}
	return ix.idx.SearchInContext(ctx, req)
}

// sortOrder maps a sort name to bleve's sort, with the title breaking ties.
func sortOrder(name string) bsearch.SortOrder {
	title := &bsearch.SortField{Field: fieldTitleSort, Type: bsearch.SortFieldAsString}
	year := func(desc bool) *bsearch.SortField {
		return &bsearch.SortField{Field: fieldYear, Type: bsearch.SortFieldAsNumber, Desc: desc}
	}
	switch name {
	case sortSlug:
		return bsearch.SortOrder{&bsearch.SortDocID{}}
	case SortNewest:
		return bsearch.SortOrder{year(true), title}
	case SortOldest:
		return bsearch.SortOrder{year(false), title}
	case SortTitle:
		return bsearch.SortOrder{title}
	}
	return bsearch.SortOrder{&bsearch.SortScore{Desc: true}, title}
}

// facetSize is how many values of a facet to count: all there are, up to 200.
func (ix *Index) facetSize(facet int) int {
	return min(max(len(ix.facets.values[facet]), 1), 200)
}

// facetValues turns the counts of facet number f into labelled values,
// most frequent first. Selected values always appear, with 0 if nothing
// matches, so that a user can clear them.
func (ix *Index) facetValues(f int, counts []int, selected []string) []FacetValue {
	out := []FacetValue{}
	seen := map[string]bool{}
	if counts != nil {
		for _, t := range ix.facets.topTerms(f, counts, ix.facetSize(f)) {
			if t.term == "" {
				continue // a case without a status, say
			}
			out = append(out, FacetValue{Value: t.term, Label: ix.labels.Label(facetFilters[f].Facet, t.term), Count: t.count})
			seen[t.term] = true
		}
	}
	return ix.finishFacet(f, out, seen, selected)
}

// finishFacet adds the selected values not counted (with 0, so a user can
// clear them) and orders values by count, then label.
func (ix *Index) finishFacet(f int, out []FacetValue, seen map[string]bool, selected []string) []FacetValue {
	for _, s := range selected {
		v := strings.ToLower(strings.TrimSpace(s))
		if v != "" && !seen[v] {
			out = append(out, FacetValue{Value: v, Label: ix.labels.Label(facetFilters[f].Facet, v), Count: 0})
			seen[v] = true
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Label < out[j].Label
	})
	return out
}

// IsQueryError reports whether err is input the caller must change.
func IsQueryError(err error) bool {
	var qe *QueryError
	return errors.As(err, &qe)
}
