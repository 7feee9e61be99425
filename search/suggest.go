package search

import (
	"context"
	"strings"
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/casebook/casebook/internal/text"
)

// suggestBelow: in a query with fewer results than this, a word that is rare
// in the catalogue may be replaced by a more common near spelling. A word
// that is not in the catalogue at all always may.
const suggestBelow = 3

// maxCandidates bounds the near spellings looked at for one word.
const maxCandidates = 64

// fuzzyDict is the part of bleve's index reader that lists terms near a word.
type fuzzyDict interface {
	FieldDictFuzzy(field string, term string, fuzziness int, prefix string) (index.FieldDict, error)
}

// suggest returns q's text with each word that is absent from the catalogue
// (or rare, when total is small) replaced by its most common near spelling,
// if that finds more cases with all its words than total (the query's
// all-words count); otherwise "". Numbers, words of fewer than three
// letters and stop or filler words are never suggested or replaced.
func (ix *Index) suggest(ctx context.Context, q *Query, parsed parsedText, total int) string {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return ""
	}
	r, err := adv.Reader()
	if err != nil {
		return ""
	}
	defer r.Close()
	dict, ok := r.(fuzzyDict)
	if !ok {
		return ""
	}
	// The fuzzy dictionary omits counts; ask for each candidate's.
	docCount := func(term string) uint64 {
		tfr, err := r.TermFieldReader(ctx, []byte(term), fieldExact, false, false, false)
		if err != nil {
			return 0
		}
		defer tfr.Close()
		return tfr.Count()
	}
	changed := false
	words := make([]string, len(parsed.words))
	for i, w := range parsed.words {
		words[i] = w
		exact := terms(ix.exact, w)
		if len(exact) != 1 || i >= maxFuzzyWords || !ix.suggestable(exact[0]) {
			continue
		}
		ownCount := docCount(exact[0])
		if ownCount > 0 && total >= suggestBelow {
			continue // a known word, and results are not few: nothing to suggest
		}
		// The nearest spelling wins (a swap of two letters is one typo),
		// then the most common.
		k := max(1, fuzziness(exact[0]))
		best, bestCount, bestDist := "", uint64(0), k+1
		consider := func(term string, n uint64) {
			if n == 0 {
				return
			}
			d := text.EditDistance(exact[0], term, k)
			if d < bestDist || d == bestDist && (n > bestCount || n == bestCount && term < best) {
				best, bestCount, bestDist = term, n, d
			}
		}
		fd, err := dict.FieldDictFuzzy(fieldExact, exact[0], k, "")
		if err != nil {
			continue
		}
		for seen := 0; seen < maxCandidates; seen++ {
			e, err := fd.Next()
			if err != nil || e == nil {
				break
			}
			if e.Term == exact[0] || !ix.suggestable(e.Term) {
				continue
			}
			consider(e.Term, docCount(e.Term))
		}
		fd.Close()
		for _, v := range transpositions(exact[0]) {
			if ix.suggestable(v) {
				consider(v, docCount(v))
			}
		}
		if best != "" && (ownCount == 0 || total < suggestBelow && bestCount > ownCount*2) {
			words[i] = best
			changed = true
		}
	}
	if !changed {
		return ""
	}
	text := rebuildText(words, parsed)
	// Both counts leave typos out: a case found only through a typo does
	// not have the query's words.
	alt := *q
	alt.Text = text
	n, err := ix.countAllWords(ctx, alt)
	if err != nil {
		return ""
	}
	if own, err := ix.countAllWords(ctx, *q); err != nil || n <= own {
		return ""
	}
	return text
}

// suggestable reports whether a term may be replaced by, or replace, a
// near spelling: not a number, not too short or long, and not a stop or
// filler word.
func (ix *Index) suggestable(term string) bool {
	n := utf8.RuneCountInString(term)
	if n < 3 || n > maxFuzzyLen || strings.ContainsAny(term, "0123456789") || isFiller(term) {
		return false
	}
	return len(terms(ix.prose, term)) > 0
}

// countAllWords returns how many cases have every word of q, as written
// (word forms and synonyms, but no typos).
func (ix *Index) countAllWords(ctx context.Context, q Query) (int, error) {
	q.Page, q.PerPage = 0, 0
	if err := q.Validate(); err != nil {
		return 0, err
	}
	res, err := ix.searchPlan(ctx, &q, ix.planText(parseText(q.Text), false, q.Prefix), 0, 0, nil)
	if err != nil {
		return 0, err
	}
	return int(res.Total), nil
}

// rebuildText writes parsed text back as a query string.
func rebuildText(words []string, p parsedText) string {
	parts := append([]string{}, words...)
	for _, ph := range p.phrases {
		parts = append(parts, `"`+ph+`"`)
	}
	for _, ex := range p.excluded {
		if strings.Contains(ex, " ") {
			parts = append(parts, `-"`+ex+`"`)
		} else {
			parts = append(parts, "-"+ex)
		}
	}
	return strings.Join(parts, " ")
}
