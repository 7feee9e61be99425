package search

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/casebook/casebook/catalog"
)

// weightedField is a prose field and its boost: title and summary weigh
// more than the body.
type weightedField struct {
	name  string
	boost float64
}

// fieldQuery is a bleve query that can be pointed at one field and boosted.
type fieldQuery interface {
	query.FieldableQuery
	query.BoostableQuery
}

// on points q at field f with f's boost and returns it.
func (f weightedField) on(q fieldQuery) query.Query {
	q.SetField(f.name)
	q.SetBoost(f.boost)
	return q
}

var proseFields = []weightedField{
	{fieldTitle, 3},
	{fieldSummary, 2},
	{fieldExtra, 1.5},
	{fieldBody, 1},
}

const (
	fuzzyBoost       = 0.3 // a typo match counts for less than an exact one
	titlePhraseBoost = 4
	titleExactBoost  = 12
)

// maxFuzzyLen is the longest word given typo tolerance: the cost of bleve's
// Levenshtein automaton grows with the word, and no real word is longer.
const maxFuzzyLen = 24

// maxFuzzyWords is how many words of one query get typo tolerance; the rest
// must match as written, which bounds the cost of a long query.
const maxFuzzyWords = 8

// fuzziness is the number of typos tolerated in a word: one from five
// letters, two from nine, none past maxFuzzyLen.
func fuzziness(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n > maxFuzzyLen:
		return 0
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// textPlan is a parsed query turned into bleve clauses, plus what the
// highlighter needs to mark.
type textPlan struct {
	units   []unit        // positive words (or synonym runs, joined pairs): all must match
	phrases []query.Query // quoted phrases: always must match
	should  []query.Query
	mustNot []query.Query
	marks   *matcher
}

// unit is one thing the query asks for: a word, a run of words that is a
// synonym, or two words that the catalogue writes as one (gov uk).
type unit struct {
	text   string // as the user typed it
	q      query.Query
	filler bool // a question or filler word: not counted by the fallback
	words  int  // words typed
}

// must returns every clause that the all-words search requires.
func (p textPlan) must() []query.Query {
	out := make([]query.Query, 0, len(p.units)+len(p.phrases))
	for _, u := range p.units {
		out = append(out, u.q)
	}
	return append(out, p.phrases...)
}

// planText builds the clauses for user text. Every positive word or phrase
// must match (in any prose field, or with a typo in the unstemmed field);
// synonyms are alternatives; exclusions must not match. With prefix, the
// last word also matches as the start of a word.
func (ix *Index) planText(p parsedText, fuzzy, prefix bool) textPlan {
	plan := textPlan{marks: newMatcher()}
	words := p.words
	folded := make([]string, len(words))
	for i, w := range words {
		folded[i] = catalog.Fold(w)
	}
	for i := 0; i < len(words); {
		n, others := ix.synonyms.match(folded, i)
		fuzzy := fuzzy && i < maxFuzzyWords
		last := prefix && p.lastWord && i == len(words)-1
		if n == 0 {
			if i+1 < len(words) && !(prefix && p.lastWord && i+1 == len(words)-1) {
				if q := ix.joinedClause(words[i], words[i+1], fuzzy, plan.marks); q != nil {
					plan.units = append(plan.units, unit{text: words[i] + " " + words[i+1], q: q, words: 2})
					i += 2
					continue
				}
			}
			q := ix.withSplit(ix.wordClause(words[i], fuzzy, plan.marks), words[i], plan.marks)
			if last {
				q = ix.withPrefix(q, words[i], plan.marks)
			}
			if q != nil {
				plan.units = append(plan.units, unit{text: words[i], q: q, filler: isFiller(folded[i]), words: 1})
			}
			i++
			continue
		}
		var alts, tagged []query.Query
		run := strings.Join(words[i:i+n], " ")
		seen := map[string]bool{}
		for _, term := range append([]string{run}, others...) {
			// A case whose tags name the concept is about it.
			tag := query.NewMatchPhraseQuery(term)
			tag.SetField(fieldExtra)
			tag.SetBoost(conceptTagBoost)
			tagged = append(tagged, tag)
			// Members that stem alike ("digital service", "digital
			// services") would search the same thing twice.
			key := strings.Join(terms(ix.prose, term), " ")
			if seen[key] && term != run {
				continue
			}
			seen[key] = true
			var q query.Query
			if strings.Contains(term, " ") {
				q = ix.phraseClause(term, plan.marks)
			} else {
				q = ix.wordClause(term, fuzzy && term == run, plan.marks)
			}
			if q != nil {
				alts = append(alts, q)
			}
		}
		if len(alts) > 2 {
			// bleve scales a disjunction by the share of its clauses that
			// match: the typed words against all other members as one
			// clause, so a case using another member loses half, not 8/9.
			alts = []query.Query{alts[0], query.NewDisjunctionQuery(alts[1:])}
		}
		if len(alts) > 0 {
			alts = append(alts, query.NewDisjunctionQuery(tagged))
		}
		if len(alts) > 0 {
			d := query.NewDisjunctionQuery(alts)
			d.SetBoost(conceptBoost)
			plan.units = append(plan.units, unit{text: run, q: d, words: n})
		}
		i += n
	}
	for _, ph := range p.phrases {
		if q := ix.phraseClause(ph, plan.marks); q != nil {
			plan.phrases = append(plan.phrases, q)
		}
	}
	for _, ex := range p.excluded {
		var q query.Query
		if strings.Contains(ex, " ") {
			q = ix.phraseClause(ex, nil)
		} else {
			q = ix.wordClause(ex, false, nil)
		}
		if q != nil {
			plan.mustNot = append(plan.mustNot, q)
		}
	}
	if len(plan.units)+len(plan.phrases) > 0 {
		all := strings.Join(append(append([]string{}, p.words...), p.phrases...), " ")
		key := query.NewTermQuery(titleKey(all))
		key.SetField(fieldTitleKey)
		key.SetBoost(titleExactBoost)
		phrase := query.NewMatchPhraseQuery(all)
		phrase.SetField(fieldTitle)
		phrase.SetBoost(titlePhraseBoost)
		plan.should = append(plan.should, key, phrase)
	}
	return plan
}

// wordClause matches one word in any prose field, and within a few typos in
// the unstemmed field. It is nil for a stop word or punctuation. m, if not
// nil, learns what to highlight.
func (ix *Index) wordClause(word string, fuzzy bool, m *matcher) query.Query {
	prose := terms(ix.prose, word)
	exact := terms(ix.exact, word)
	if len(prose) == 0 || len(exact) == 0 {
		return nil
	}
	var alts []query.Query
	for _, f := range proseFields {
		if len(prose) == 1 {
			alts = append(alts, f.on(query.NewTermQuery(prose[0])))
		} else {
			// once-only, e-Residency: the parts in order.
			alts = append(alts, f.on(query.NewMatchPhraseQuery(word)))
		}
	}
	if m != nil {
		m.addPhrase(prose)
	}
	if len(exact) == 1 {
		if k := fuzziness(exact[0]); fuzzy && k > 0 {
			alts = append(alts, ix.fuzzyClause(exact[0], k, m))
			if k == 1 {
				// A swap of two letters is one typo to people but two edits
				// to Levenshtein: look the swapped spellings up directly.
				for _, v := range transpositions(exact[0]) {
					t := query.NewTermQuery(v)
					t.SetField(fieldExact)
					t.SetBoost(fuzzyBoost)
					alts = append(alts, t)
					// and its stem, so "budgte" finds "budgeting" too
					if stems := terms(ix.prose, v); len(stems) == 1 {
						for _, f := range proseFields {
							st := query.NewTermQuery(stems[0])
							st.SetField(f.name)
							st.SetBoost(fuzzyBoost)
							alts = append(alts, st)
						}
						if m != nil {
							m.addSwapped(stems[0])
						}
					}
				}
			}
		} else {
			t := query.NewTermQuery(exact[0])
			t.SetField(fieldExact)
			t.SetBoost(fuzzyBoost)
			alts = append(alts, t)
		}
	}
	return query.NewDisjunctionQuery(alts)
}

// phraseClause matches words in this order in any prose field.
func (ix *Index) phraseClause(phrase string, m *matcher) query.Query {
	prose := terms(ix.prose, phrase)
	if len(prose) == 0 {
		return nil
	}
	var alts []query.Query
	for _, f := range proseFields {
		alts = append(alts, f.on(query.NewMatchPhraseQuery(phrase)))
	}
	if m != nil {
		m.addPhrase(prose)
	}
	return query.NewDisjunctionQuery(alts)
}

// terms returns the terms an analyzer makes of s.
func terms(a analysis.Analyzer, s string) []string {
	toks := a.Analyze([]byte(s))
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, string(t.Term))
	}
	return out
}

// filterQuery is the conjunction of every filter in q, or nil without any.
// skip names one facet whose own filter is left out, for counting that
// facet.
func filterQuery(q *Query, skip string) query.Query {
	var parts []query.Query
	term := func(field, v string) query.Query {
		t := query.NewTermQuery(strings.ToLower(strings.TrimSpace(v)))
		t.SetField(field)
		return t
	}
	for _, f := range filters {
		if f.Facet != "" && f.Facet == skip {
			continue
		}
		switch vals := f.Strings(q); f.Kind {
		case AllOf:
			for _, v := range vals {
				parts = append(parts, term(f.field, v))
			}
		case AnyOf:
			if len(vals) > 0 {
				alts := make([]query.Query, len(vals))
				for i, v := range vals {
					alts[i] = term(f.field, v)
				}
				parts = append(parts, query.NewDisjunctionQuery(alts))
			}
		case AtLeast, AtMost:
			n := f.Number(q)
			if n == 0 {
				continue
			}
			v, inclusive := float64(n), true
			lo, hi := &v, (*float64)(nil)
			if f.Kind == AtMost {
				lo, hi = nil, &v
			}
			r := query.NewNumericRangeInclusiveQuery(lo, hi, &inclusive, &inclusive)
			r.SetField(f.field)
			parts = append(parts, r)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return query.NewConjunctionQuery(parts)
}

// buildQuery combines a text plan and filters into one bleve query.
func buildQuery(plan textPlan, filter query.Query) query.Query {
	var must query.Query = bleve.NewMatchAllQuery()
	if clauses := plan.must(); len(clauses) > 0 {
		must = query.NewConjunctionQuery(clauses)
	}
	var should, mustNot query.Query
	if len(plan.should) > 0 {
		d := query.NewDisjunctionQuery(plan.should)
		d.SetMin(0)
		should = d
	}
	if len(plan.mustNot) > 0 {
		mustNot = query.NewDisjunctionQuery(plan.mustNot)
	}
	if should == nil && mustNot == nil && filter == nil {
		return must
	}
	bq := query.NewBooleanQuery(nil, nil, nil)
	bq.Must = must
	bq.Should = should
	bq.MustNot = mustNot
	if filter != nil {
		bq.AddFilter(filter)
	}
	return bq
}

// transpositions returns word with each pair of neighbouring letters
// swapped, leaving out spellings equal to word.
func transpositions(word string) []string {
	rs := []rune(word)
	var out []string
	for i := 0; i+1 < len(rs); i++ {
		if rs[i] == rs[i+1] {
			continue
		}
		rs[i], rs[i+1] = rs[i+1], rs[i]
		out = append(out, string(rs))
		rs[i], rs[i+1] = rs[i+1], rs[i]
	}
	return out
}
