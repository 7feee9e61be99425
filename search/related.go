package search

import (
	"context"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/casebook/casebook/catalog"
)

// Weights of what related cases share.
const (
	relatedFactorBoost = 2
	relatedTagBoost    = 3
	relatedSectorBoost = 1
	relatedTextBoost   = 1
)

// Related returns up to n cases most like the case slug: shared factors,
// tags and sectors, and similar titles and summaries. Never the case itself.
func (ix *Index) Related(slug string, n int) []*catalog.Case {
	c, ok := ix.cat.Case(slug)
	if !ok || n <= 0 {
		return nil
	}
	ix.relatedMu.Lock()
	cached, ok := ix.related[slug]
	ix.relatedMu.Unlock()
	if ok && len(cached) >= n {
		return cached[:n]
	}

	var alts []query.Query
	add := func(field string, values []string, boost float64) {
		for _, v := range values {
			t := query.NewTermQuery(strings.ToLower(v))
			t.SetField(field)
			t.SetBoost(boost)
			alts = append(alts, t)
		}
	}
	add(fieldFactor, c.Factors, relatedFactorBoost)
	add(fieldTag, c.Tags, relatedTagBoost)
	add(fieldSector, c.Sectors, relatedSectorBoost)
	for _, f := range []string{fieldTitle, fieldSummary} {
		m := query.NewMatchQuery(c.Title + " " + c.Summary)
		m.SetField(f)
		m.SetBoost(relatedTextBoost)
		alts = append(alts, m)
	}
	self := query.NewDocIDQuery([]string{slug})
	bq := query.NewBooleanQuery(nil, nil, nil)
	bq.Must = query.NewDisjunctionQuery(alts)
	bq.MustNot = query.NewDisjunctionQuery([]query.Query{self})
	req := bleve.NewSearchRequestOptions(bq, n, 0, false)
	res, err := ix.idx.SearchInContext(context.Background(), req)
	if err != nil {
		return nil
	}
	out := make([]*catalog.Case, 0, len(res.Hits))
	for _, h := range res.Hits {
		if rc, ok := ix.cat.Case(h.ID); ok && rc.Slug != slug {
			out = append(out, rc)
		}
	}
	ix.relatedMu.Lock()
	ix.related[slug] = out
	ix.relatedMu.Unlock()
	return out
}
