package search

import (
	"context"
	"slices"
	"sort"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"

	"github.com/casebook/casebook/catalog"
)

// Facet counting. bleve counts a terms facet by decoding the field's doc
// values for every matching document and counting strings in a map; with
// six facets that was half the time of a search. Casebook instead reads one
// doc value per hit, the case's slug (fieldKey), and adds up the case's facet
// values, numbered in advance, in arrays. The counts are the ones bleve's
// terms facets give (TestFacetsMatchBleve).

// facetTable numbers the facet values of every case of a catalogue.
type facetTable struct {
	values [numFacets][]string            // per facet: value by number, as indexed
	cases  map[string]*[numFacets][]int32 // slug -> numbers of the case's values
}

// caseFacetValues returns a case's values of each facet, in facetFilters
// order, exactly as document puts them in the index.
func caseFacetValues(c *catalog.Case) [numFacets][]string {
	var out [numFacets][]string
	for i, f := range facetFilters {
		out[i] = f.caseValues(c)
	}
	return out
}

func newFacetTable(cat *catalog.Catalog) *facetTable {
	t := &facetTable{cases: make(map[string]*[numFacets][]int32, len(cat.Cases))}
	var ids [numFacets]map[string]int32
	for f := range ids {
		ids[f] = map[string]int32{}
	}
	for _, c := range cat.Cases {
		vals := caseFacetValues(c)
		var nums [numFacets][]int32
		for f, vs := range vals {
			for _, v := range vs {
				id, ok := ids[f][v]
				if !ok {
					id = int32(len(t.values[f]))
					ids[f][v] = id
					t.values[f] = append(t.values[f], v)
				}
				if !slices.Contains(nums[f], id) { // a value counts once per case
					nums[f] = append(nums[f], id)
				}
			}
		}
		t.cases[c.Slug] = &nums
	}
	return t
}

// facetCounts are the counts of one search: per facet, per value number.
// A facet that was not asked for is nil.
type facetCounts [numFacets][]int

// newCounts returns counts for the facets in want.
func (t *facetTable) newCounts(want [numFacets]bool) *facetCounts {
	var fc facetCounts
	for f := range fc {
		if want[f] {
			fc[f] = make([]int, len(t.values[f]))
		}
	}
	return &fc
}

// withFacetCounting returns ctx set up so that a bleve search run with it
// adds the facet values of every hit to fc.
func (ix *Index) withFacetCounting(ctx context.Context, fc *facetCounts) context.Context {
	t := ix.facets
	var maker bsearch.MakeDocumentMatchHandler = func(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil {
			return nil, false, err
		}
		dvr, err := sctx.IndexReader.DocValueReader([]string{fieldKey})
		if err != nil {
			return nil, false, err
		}
		var hit *[numFacets][]int32
		visit := func(_ string, term []byte) {
			if nums, ok := t.cases[string(term)]; ok {
				hit = nums
			}
		}
		return func(d *bsearch.DocumentMatch) error {
			if d != nil {
				hit = nil
				if err := dvr.VisitDocValues(d.IndexInternalID, visit); err != nil {
					return err
				}
				if hit != nil {
					for f, counts := range fc {
						for _, id := range hit[f] {
							if counts != nil {
								counts[id]++
							}
						}
					}
				}
			}
			return next(d) // after reading d: the collector may reuse it
		}, loadID, nil
	}
	return context.WithValue(ctx, bsearch.MakeDocumentMatchHandlerKey, maker)
}

// facetTerm is a value with its count.
type facetTerm struct {
	term  string
	count int
}

// topTerms returns the counted values of facet f, most frequent first (ties
// by value), at most size of them: what bleve's terms facet returns.
func (t *facetTable) topTerms(f int, counts []int, size int) []facetTerm {
	var out []facetTerm
	for id, n := range counts {
		if n > 0 {
			out = append(out, facetTerm{t.values[f][id], n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].count != out[j].count {
			return out[i].count > out[j].count
		}
		return out[i].term < out[j].term
	})
	if len(out) > size {
		out = out[:size]
	}
	return out
}

// facetIndex is the position of a facet in facetFilters, or -1.
func facetIndex(facet string) int {
	return slices.IndexFunc(facetFilters, func(f Filter) bool { return f.Facet == facet })
}
