package search

import (
	"html"
	"sort"
	"strings"

	"github.com/casebook/casebook/internal/text"
)

// matcher knows which words of a text a query matched: stems from the
// prose analyzer, and words within a few typos of a query word.
type matcher struct {
	prose   map[string]bool
	exact   map[string]bool // unstemmed terms, such as a typed prefix's expansions
	phrases [][]string      // stems that match only in this order, side by side
	fuzzy   []fuzzyTerm
	// compiled is the matcher in the term numbers of an Index's termTable,
	// made on first use.
	compiled *compiledMatcher
}

type fuzzyTerm struct {
	term string
	k    int
}

func newMatcher() *matcher { return &matcher{prose: map[string]bool{}} }

func (m *matcher) addProse(terms ...string) {
	for _, t := range terms {
		m.prose[t] = true
	}
}

// addSwapped adds the stem of a spelling with two letters swapped; it is
// marked like any matched stem.
func (m *matcher) addSwapped(stem string) { m.prose[stem] = true }

// addExact adds an unstemmed term, marked wherever it stands.
func (m *matcher) addExact(term string) {
	if m.exact == nil {
		m.exact = map[string]bool{}
	}
	m.exact[term] = true
}

func (m *matcher) addFuzzy(term string, k int) { m.fuzzy = append(m.fuzzy, fuzzyTerm{term, k}) }

// addPhrase adds stems that are marked only where they stand in this order
// (stop words between them aside), as a phrase query matches them.
func (m *matcher) addPhrase(stems []string) {
	if len(stems) == 1 {
		m.prose[stems[0]] = true
		return
	}
	m.phrases = append(m.phrases, stems)
}

func (m *matcher) empty() bool {
	return len(m.prose) == 0 && len(m.phrases) == 0 && len(m.fuzzy) == 0 && len(m.exact) == 0
}

// proseTok is a word of a text with its stem, by its index in the text's words.
type proseTok struct {
	stem string
	i    int
}

// markPhrases sets marked[t.i] for every word of toks inside a run that
// matches one of phrases.
func markPhrases(toks []proseTok, phrases [][]string, marked []bool) {
	for _, ph := range phrases {
		for start := 0; start+len(ph) <= len(toks); start++ {
			match := true
			for k, stem := range ph {
				if toks[start+k].stem != stem {
					match = false
					break
				}
			}
			if match {
				for k := range ph {
					marked[toks[start+k].i] = true
				}
			}
		}
	}
}

// span is a byte range of a text to mark.
type span struct{ start, end int }

// spans finds the words of text that the query matched.
func (ix *Index) spans(text string, m *matcher) []span {
	if ix.words == nil {
		return ix.spansAnalyzed(text, m)
	}
	t := ix.terms.tokens(ix.words, text)
	if t == nil {
		return ix.spansAnalyzed(text, m)
	}
	if m.compiled == nil || m.compiled.size != ix.terms.size() {
		m.compiled = ix.terms.compile(m) // the text may have added terms
	}
	return ix.terms.spansOf(t, m.compiled)
}

// spansAnalyzed is spans by running both analyzers over the whole text.
func (ix *Index) spansAnalyzed(text string, m *matcher) []span {
	marked := map[int]span{}
	proseToks := ix.prose.Analyze([]byte(text))
	toks := make([]proseTok, len(proseToks))
	for i, t := range proseToks {
		toks[i] = proseTok{string(t.Term), i}
		if m.prose[string(t.Term)] {
			marked[t.Start] = span{t.Start, t.End}
		}
	}
	inPhrase := make([]bool, len(proseToks))
	markPhrases(toks, m.phrases, inPhrase)
	for i, t := range proseToks {
		if inPhrase[i] {
			marked[t.Start] = span{t.Start, t.End}
		}
	}
	if len(m.fuzzy) > 0 || len(m.exact) > 0 {
		seen := map[string]bool{}
		for _, t := range ix.exact.Analyze([]byte(text)) {
			if _, done := marked[t.Start]; done {
				continue
			}
			term := string(t.Term)
			hit, ok := seen[term]
			if !ok {
				hit = m.exact[term] || m.fuzzyMatch(term)
				seen[term] = hit
			}
			if hit {
				marked[t.Start] = span{t.Start, t.End}
			}
		}
	}
	out := make([]span, 0, len(marked))
	for _, s := range marked {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

func (m *matcher) fuzzyMatch(term string) bool {
	for _, f := range m.fuzzy {
		if withinTypos(term, f) {
			return true
		}
	}
	return false
}

// withinTypos reports whether term is within f's typos.
func withinTypos(term string, f fuzzyTerm) bool {
	d := len(term) - len(f.term)
	if d > f.k || -d > f.k {
		return false
	}
	return text.EditDistance(term, f.term, f.k) <= f.k
}

// Highlight sizes.
const (
	maxFragments = 3
	fragmentSize = 200 // bytes of text around matches in the body
)

// highlights returns up to three HTML fragments from the summary and body
// with matched words in <mark>; all other text is escaped.
func (ix *Index) highlights(summary, body string, m *matcher) []string {
	out := []string{}
	if m == nil || m.empty() {
		return out
	}
	if s := ix.spans(summary, m); len(s) > 0 {
		out = append(out, markUp(summary, s, 0, len(summary), true))
	}
	bodySpans := ix.spans(body, m)
	afterGap := false // the previous fragment ends with an ellipsis
	for _, w := range pickWindows(body, bodySpans, maxFragments-len(out)) {
		out = append(out, markUp(body, bodySpans, w.start, w.end, !afterGap))
		afterGap = w.end < len(body)
	}
	return out
}

// pickWindows chooses up to n non-overlapping windows of text that hold the
// most matches, in text order.
func pickWindows(text string, spans []span, n int) []span {
	if n <= 0 || len(spans) == 0 {
		return nil
	}
	type window struct {
		span
		count int
	}
	var cands []window
	for i, s := range spans {
		start := wordStart(text, max(0, s.start-fragmentSize/4))
		end := wordEnd(text, min(len(text), start+fragmentSize))
		c := 0
		for _, t := range spans[i:] {
			if t.end > end {
				break
			}
			c++
		}
		cands = append(cands, window{span{start, end}, c})
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].count > cands[j].count })
	var chosen []span
	for _, c := range cands {
		if len(chosen) == n {
			break
		}
		overlaps := false
		for _, o := range chosen {
			if c.start < o.end && o.start < c.end {
				overlaps = true
				break
			}
		}
		if !overlaps {
			chosen = append(chosen, c.span)
		}
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].start < chosen[j].start })
	return chosen
}

// wordStart moves i back to the start of a word.
func wordStart(s string, i int) int {
	if i <= 0 {
		return 0
	}
	if j := strings.LastIndexAny(s[:i], " \n"); j >= 0 {
		return j + 1
	}
	return 0
}

// wordEnd moves i forward to the end of a word.
func wordEnd(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	if j := strings.IndexAny(s[i:], " \n"); j >= 0 {
		return i + j
	}
	return len(s)
}

// markUp escapes text[from:to] and wraps the spans inside it in <mark>.
// Cut ends get an ellipsis, except the start when lead is false: fragments
// are shown one after another, and the previous one already ends with one
// ("… customer … credentials …", never "customer … … credentials").
func markUp(text string, spans []span, from, to int, lead bool) string {
	var b strings.Builder
	if from > 0 && lead {
		b.WriteString("… ")
	}
	pos := from
	for _, s := range spans {
		if s.start < pos || s.end > to {
			continue
		}
		b.WriteString(escapeText(text[pos:s.start]))
		b.WriteString("<mark>")
		b.WriteString(escapeText(text[s.start:s.end]))
		b.WriteString("</mark>")
		pos = s.end
	}
	b.WriteString(escapeText(text[pos:to]))
	if to < len(text) {
		b.WriteString(" …")
	}
	return strings.TrimSpace(b.String())
}

func escapeText(s string) string {
	return html.EscapeString(strings.ReplaceAll(s, "\n", " "))
}
