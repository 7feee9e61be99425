package search

import (
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/casebook/casebook/internal/text"
)

// vocabulary is every term of the unstemmed field with the number of cases
// holding it, sorted by term. It is read from the index once, on first use,
// and serves prefix expansion (typing) and the splitting and joining of
// words ("gov uk", "participatorybudgeting").
type vocabulary struct {
	terms  []string
	counts []int
	masks  []uint64        // letterMask of each term
	byLen  map[int][]int32 // term numbers by length in runes
}

// vocab returns the index's vocabulary, reading it on first use. An index
// whose dictionary cannot be read has an empty one: prefixes and word
// splits then simply find nothing.
func (ix *Index) vocab() *vocabulary {
	ix.vocabOnce.Do(func() {
		ix.vocabulary = &vocabulary{}
		adv, err := ix.idx.Advanced()
		if err != nil {
			return
		}
		r, err := adv.Reader()
		if err != nil {
			return
		}
		defer r.Close()
		d, err := r.FieldDict(fieldExact)
		if err != nil {
			return
		}
		defer d.Close()
		v := ix.vocabulary
		v.byLen = map[int][]int32{}
		for e, err := d.Next(); err == nil && e != nil; e, err = d.Next() {
			n := utf8.RuneCountInString(e.Term)
			v.byLen[n] = append(v.byLen[n], int32(len(v.terms)))
			v.terms = append(v.terms, e.Term)
			v.counts = append(v.counts, int(e.Count))
			v.masks = append(v.masks, letterMask(e.Term))
		}
	})
	return ix.vocabulary
}

// count returns how many cases hold term (0 if none).
func (v *vocabulary) count(term string) int {
	i := sort.SearchStrings(v.terms, term)
	if i < len(v.terms) && v.terms[i] == term {
		return v.counts[i]
	}
	return 0
}

// maxPrefixTerms is how many terms a prefix expands to at most: the most
// frequent ones, so that a short prefix never exceeds bleve's clause limit.
const maxPrefixTerms = 48

// expand returns the terms starting with prefix, most frequent first, at
// most limit of them.
func (v *vocabulary) expand(prefix string, limit int) []string {
	lo := sort.SearchStrings(v.terms, prefix)
	type tc struct {
		term  string
		count int
	}
	var found []tc
	for i := lo; i < len(v.terms) && strings.HasPrefix(v.terms[i], prefix); i++ {
		found = append(found, tc{v.terms[i], v.counts[i]})
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].count > found[j].count })
	out := make([]string, 0, min(limit, len(found)))
	for _, f := range found[:min(limit, len(found))] {
		out = append(out, f.term)
	}
	return out
}

// minSplitPart is the shortest part a run-together word splits into.
const minSplitPart = 3

// split finds two catalogue words that make up word when written together
// ("participatorybudgeting"), preferring the split whose rarer part is the
// most common. ok is false for a word the catalogue holds itself.
func (v *vocabulary) split(word string) (a, b string, ok bool) {
	if v.count(word) > 0 || utf8.RuneCountInString(word) < 2*minSplitPart {
		return "", "", false
	}
	best := 0
	for i := minSplitPart; i <= len(word)-minSplitPart; i++ {
		if !utf8.RuneStart(word[i]) {
			continue
		}
		n := min(v.count(word[:i]), v.count(word[i:]))
		if n > best {
			a, b, best = word[:i], word[i:], n
		}
	}
	return a, b, best > 0
}

// join returns the catalogue word that two query words make when written
// with a dot or nothing between them (gov uk: GOV.UK), or "".
func (v *vocabulary) join(a, b string) string {
	for _, sep := range []string{".", ""} {
		if w := a + sep + b; v.count(w) > 0 {
			return w
		}
	}
	return ""
}

// vocabState is the lazily read vocabulary of an Index.
type vocabState struct {
	vocabOnce  sync.Once
	vocabulary *vocabulary
}

// near returns the terms within k edits of term (a swap of two letters
// counting as one, as in bleve's fuzzy query and in highlights), with
// their distances.
func (v *vocabulary) near(term string, k int) (terms []string, dists []int) {
	n := utf8.RuneCountInString(term)
	mask := letterMask(term)
	for l := max(1, n-k); l <= n+k; l++ {
		for _, id := range v.byLen[l] {
			if bits.OnesCount64(mask^v.masks[id]) > 2*k {
				continue // each edit changes at most two letters
			}
			t := v.terms[id]
			if d := text.EditDistance(term, t, k); d <= k {
				terms = append(terms, t)
				dists = append(dists, d)
			}
		}
	}
	return terms, dists
}
