package search

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// The fallback for descriptions. A query whose words no case (or only a
// few cases) all hold is run again as a disjunction of its meaningful
// words with a minimum that must match; those cases follow every all-words
// match. Phrases, exclusions and filters stay as strict as in the
// all-words search.

// fewResults: an all-words search of three or more meaningful words that
// finds fewer cases than this also shows the cases matching most of them.
// A query of one or two words is a name or a narrowing, not a description:
// "library transit" still means both. Measured on the descriptive queries
// (TestDescriptiveRelevance): 1 or 2 put 24 of 25 in the top three, 3 to 10
// all 25; 3 is the smallest, so the fewest queries pay for a second search.
const fewResults = 3

// needsFallback reports whether an all-words search that found total cases
// for a query of these meaningful units falls back.
func needsFallback(total int, units []unit) bool {
	words := 0
	for _, u := range units {
		words += u.words
	}
	return len(units) >= 2 && words >= 3 && total < fewResults
}

// perWordScore is what each matched word adds to a fallback match's score.
const perWordScore = 1

// minShould is how many of n meaningful words a fallback match must have:
// at least half.
func minShould(n int) int { return (n + 1) / 2 }

// fillerWords are question and filler words that describe no case: the
// fallback does not count them (the all-words search still asks for them,
// as the user typed them).
var fillerWords = map[string]bool{
	"how": true, "can": true, "could": true, "what": true, "which": true, "who": true, "why": true,
	"when": true, "where": true, "instead": true, "do": true, "does": true, "did": true, "we": true,
	"our": true, "us": true, "i": true, "my": true, "me": true, "you": true, "your": true,
	"should": true, "would": true, "want": true, "need": true, "way": true, "ways": true,
	"get": true, "make": true, "find": true, "every": true, "each": true, "some": true,
	"any": true, "all": true, "so": true, "than": true, "from": true, "about": true,
	"more": true, "very": true, "just": true, "like": true, "thing": true, "things": true,
	"something": true, "example": true, "examples": true, "has": true, "have": true, "had": true,
	"been": true, "were": true, "its": true, "them": true, "one": true, "other": true,
	"without": true, "over": true, "out": true, "up": true, "also": true, "only": true,
}

// isFiller reports whether a folded word is a question or filler word.
func isFiller(folded string) bool { return fillerWords[folded] }

// meaningful returns the units the fallback counts.
func (p textPlan) meaningful() []unit {
	var out []unit
	for _, u := range p.units {
		if !u.filler {
			out = append(out, u)
		}
	}
	return out
}

// relaxed returns the plan with its words replaced by one clause: at least
// half of units. Phrases, exclusions and boosts stay.
func (p textPlan) relaxed(units []unit) textPlan {
	alts := make([]query.Query, len(units))
	for i, u := range units {
		// Each word matched adds a constant larger than any word's own
		// score, so cases rank by how many words they match, then how well.
		per := bleve.NewMatchAllQuery()
		per.SetBoost(perWordScore)
		alts[i] = query.NewConjunctionQuery([]query.Query{u.q, per})
	}
	d := query.NewDisjunctionQuery(alts)
	d.SetMin(float64(minShould(len(units))))
	p.units = []unit{{q: d}}
	return p
}

// foundUnits splits units into those that find some case (with the
// query's filters and exclusions) and the words of those that find none.
func (ix *Index) foundUnits(ctx context.Context, q *Query, plan textPlan, units []unit) (found []unit, missing []string, err error) {
	for _, u := range units {
		one := plan
		one.units, one.phrases, one.should = []unit{u}, nil, nil
		req := bleve.NewSearchRequestOptions(buildQuery(one, filterQuery(q, "")), 0, 0, false)
		res, err := ix.idx.SearchInContext(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		if res.Total == 0 {
			missing = append(missing, u.text)
		} else {
			found = append(found, u)
		}
	}
	return found, missing, nil
}

// clear zeroes the counts, if any.
func (fc *facetCounts) clear() {
	if fc == nil {
		return
	}
	for _, counts := range fc {
		clear(counts)
	}
}
