package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
)

// Clauses for word forms beyond stems: words being typed (prefixes), words
// the catalogue writes joined (GOV.UK) or that a user ran together
// (participatorybudgeting), and typos, all served by the vocabulary.

// conceptBoost weighs a synonym group (a concept the editors named, such as
// "one-stop shop") above a single common word.
const conceptBoost = 2

// conceptTagBoost weighs a concept found in a case's tags, sectors and
// other metadata.
const conceptTagBoost = 4

// prefixBoost: a word found only by its start counts for less than a
// whole word, so whole-word matches rank first.
const prefixBoost = 0.1

// withPrefix widens the clause for the word being typed to the catalogue's
// most frequent words that start with it. q may be nil (a stop word such as
// "for" may be the start of "form").
func (ix *Index) withPrefix(q query.Query, word string, m *matcher) query.Query {
	exact := terms(ix.exact, word)
	if len(exact) != 1 {
		return q
	}
	var alts []query.Query
	if q != nil {
		alts = append(alts, q)
	}
	for _, t := range ix.vocab().expand(exact[0], maxPrefixTerms) {
		if t == exact[0] {
			continue
		}
		tq := query.NewTermQuery(t)
		tq.SetField(fieldExact)
		tq.SetBoost(prefixBoost)
		alts = append(alts, tq)
		m.addExact(t)
	}
	if len(alts) == 0 {
		return nil
	}
	return query.NewDisjunctionQuery(alts)
}

// joinedClause matches two query words, or the one catalogue word they
// make together (gov uk: GOV.UK); nil if the catalogue has no such word.
func (ix *Index) joinedClause(a, b string, fuzzy bool, m *matcher) query.Query {
	ea, eb := terms(ix.exact, a), terms(ix.exact, b)
	if len(ea) != 1 || len(eb) != 1 {
		return nil
	}
	joined := ix.vocab().join(ea[0], eb[0])
	if joined == "" {
		return nil
	}
	whole := ix.wordClause(joined, false, m)
	qa, qb := ix.wordClause(a, fuzzy, m), ix.wordClause(b, fuzzy, m)
	if whole == nil || qa == nil || qb == nil {
		return whole
	}
	return query.NewDisjunctionQuery([]query.Query{whole, query.NewConjunctionQuery([]query.Query{qa, qb})})
}

// withSplit widens the clause for a word that the catalogue does not hold
// but that is two catalogue words written together (participatorybudgeting)
// to the phrase of those two words.
func (ix *Index) withSplit(q query.Query, word string, m *matcher) query.Query {
	exact := terms(ix.exact, word)
	if q == nil || len(exact) != 1 || strings.ContainsAny(exact[0], "0123456789") {
		return q
	}
	a, b, ok := ix.vocab().split(exact[0])
	if !ok {
		return q
	}
	ph := ix.phraseClause(a+" "+b, m)
	if ph == nil {
		return q
	}
	return query.NewDisjunctionQuery([]query.Query{q, ph})
}

// fuzzyClause matches the terms of the unstemmed field within k edits of
// term, as bleve's fuzzy query does (a term at distance d weighs 1/(d+1)),
// but from the vocabulary read once rather than a Levenshtein automaton
// built per query; m, if not nil, learns the words to mark.
func (ix *Index) fuzzyClause(term string, k int, m *matcher) query.Query {
	typos, dists := ix.vocab().near(term, k)
	if m != nil {
		if ix.bleveFuzzy || ix.vocab().terms == nil {
			m.addFuzzy(term, k)
		}
		for _, t := range typos {
			m.addExact(t)
		}
	}
	if ix.bleveFuzzy || ix.vocab().terms == nil || len(typos) > searcher.DisjunctionMaxClauseCount {
		fq := query.NewFuzzyQuery(term)
		fq.SetField(fieldExact)
		fq.SetFuzziness(k)
		fq.SetBoost(fuzzyBoost)
		return fq
	}
	if len(typos) == 0 {
		t := query.NewTermQuery(term) // matches nothing, as the fuzzy query would
		t.SetField(fieldExact)
		t.SetBoost(fuzzyBoost)
		return t
	}
	alts := make([]query.Query, len(typos))
	for i, t := range typos {
		tq := query.NewTermQuery(t)
		tq.SetField(fieldExact)
		tq.SetBoost(fuzzyBoost / float64(dists[i]+1))
		alts[i] = tq
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return query.NewDisjunctionQuery(alts)
}
