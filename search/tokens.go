package search

import (
	"math/bits"
	"sync"
)

// Highlighting without re-reading texts. The first time a text is
// highlighted its words are found and analysed once (wordAnalyzer) and kept
// as byte ranges with numbered terms; every later query only compares
// numbers. Typo matches are checked once per distinct term and query, after
// a test on the letters that rules out most terms at once.

// termTable numbers the prose and exact terms of highlighted texts.
type termTable struct {
	mu    sync.RWMutex
	ids   map[string]int32
	names []string
	masks []uint64 // letters of each term (see letterMask)
	texts map[string]*textTokens
}

// textTokens is a text's words with the numbers of their terms (-1 where
// the analyzer drops the word).
type textTokens struct {
	words []span
	prose []int32
	exact []int32
}

func newTermTable() *termTable {
	return &termTable{ids: map[string]int32{}, texts: map[string]*textTokens{}}
}

// maxTableTerms bounds the table: past it, texts are analysed per request.
const maxTableTerms = 1 << 20

// tokens returns the analysed words of text, analysing it on first use; nil
// if the table is full.
func (tt *termTable) tokens(wa *wordAnalyzer, text string) *textTokens {
	tt.mu.RLock()
	t, ok := tt.texts[text]
	tt.mu.RUnlock()
	if ok {
		return t
	}
	words := wa.words(text, make([]span, 0, len(text)/6))
	terms := wa.analyze(text, words, make([]wordTerms, 0, len(words)))
	tt.mu.Lock()
	defer tt.mu.Unlock()
	if t, ok := tt.texts[text]; ok {
		return t
	}
	if len(tt.names) > maxTableTerms {
		return nil
	}
	t = &textTokens{words: words, prose: make([]int32, len(words)), exact: make([]int32, len(words))}
	for i, w := range terms {
		t.prose[i], t.exact[i] = -1, -1
		if w.hasProse {
			t.prose[i] = tt.idLocked(w.prose)
		}
		if w.hasExact {
			t.exact[i] = tt.idLocked(w.exact)
		}
	}
	tt.texts[text] = t
	return t
}

func (tt *termTable) idLocked(term string) int32 {
	if id, ok := tt.ids[term]; ok {
		return id
	}
	id := int32(len(tt.names))
	tt.ids[term] = id
	tt.names = append(tt.names, term)
	tt.masks = append(tt.masks, letterMask(term))
	return id
}

// letterMask has a bit for each letter (a-z, 0-9, and one for all else)
// that term contains. Each edit changes at most two bits, so terms within
// k edits differ in at most 2k bits.
func letterMask(term string) uint64 {
	var m uint64
	for _, r := range term {
		switch {
		case r >= 'a' && r <= 'z':
			m |= 1 << (r - 'a')
		case r >= '0' && r <= '9':
			m |= 1 << (26 + r - '0')
		default:
			m |= 1 << 36
		}
	}
	return m
}

// compiledMatcher is a matcher turned into term numbers for one query.
type compiledMatcher struct {
	m       *matcher
	prose   map[int32]bool
	exact   map[int32]bool
	phrases [][]int32
	fuzzy   []fuzzyTerm
	masks   []uint64       // of each fuzzy term
	seen    map[int32]bool // typo checks done
	size    int            // terms in the table when compiled
}

// compile resolves m's terms to numbers; terms the table has never seen
// occur in no analysed text and are left out.
func (tt *termTable) compile(m *matcher) *compiledMatcher {
	cm := &compiledMatcher{m: m, prose: map[int32]bool{}, exact: map[int32]bool{}, fuzzy: m.fuzzy, seen: map[int32]bool{}}
	tt.mu.RLock()
	defer tt.mu.RUnlock()
	cm.size = len(tt.names)
	for t := range m.prose {
		if id, ok := tt.ids[t]; ok {
			cm.prose[id] = true
		}
	}
	for t := range m.exact {
		if id, ok := tt.ids[t]; ok {
			cm.exact[id] = true
		}
	}
	for _, ph := range m.phrases {
		ids := make([]int32, len(ph))
		for i, t := range ph {
			id, ok := tt.ids[t]
			if !ok {
				id = -2 // never matches
			}
			ids[i] = id
		}
		cm.phrases = append(cm.phrases, ids)
	}
	for _, f := range m.fuzzy {
		cm.masks = append(cm.masks, letterMask(f.term))
	}
	return cm
}

// size is the number of terms in the table.
func (tt *termTable) size() int {
	tt.mu.RLock()
	defer tt.mu.RUnlock()
	return len(tt.names)
}

// typo reports whether exact term id is within the typos of a fuzzy term.
func (tt *termTable) typo(cm *compiledMatcher, id int32) bool {
	if hit, ok := cm.seen[id]; ok {
		return hit
	}
	hit := false
	mask := tt.masks[id]
	for i, f := range cm.fuzzy {
		if bits.OnesCount64(mask^cm.masks[i]) <= 2*f.k && withinTypos(tt.names[id], f) {
			hit = true
			break
		}
	}
	cm.seen[id] = hit
	return hit
}

// spansOf finds the words of an analysed text that the query matched.
func (tt *termTable) spansOf(t *textTokens, cm *compiledMatcher) []span {
	tt.mu.RLock()
	defer tt.mu.RUnlock()
	var out []span
	marked := func(i int) bool {
		if p := t.prose[i]; p >= 0 && cm.prose[p] {
			return true
		}
		e := t.exact[i]
		return e >= 0 && (cm.exact[e] || len(cm.fuzzy) > 0 && tt.typo(cm, e))
	}
	var inPhrase []bool
	if len(cm.phrases) > 0 {
		inPhrase = phraseMarks(t.prose, cm.phrases)
	}
	for i, w := range t.words {
		if inPhrase != nil && inPhrase[i] || marked(i) {
			out = append(out, w)
		}
	}
	return out
}

// phraseMarks marks the words inside a run of prose terms (dropped words
// skipped) that matches one of phrases.
func phraseMarks(prose []int32, phrases [][]int32) []bool {
	idx := make([]int, 0, len(prose)) // word index of each kept term
	for i, p := range prose {
		if p >= 0 {
			idx = append(idx, i)
		}
	}
	marked := make([]bool, len(prose))
	for _, ph := range phrases {
		for start := 0; start+len(ph) <= len(idx); start++ {
			match := true
			for k, id := range ph {
				if prose[idx[start+k]] != id {
					match = false
					break
				}
			}
			if match {
				for k := range ph {
					marked[idx[start+k]] = true
				}
			}
		}
	}
	return marked
}
