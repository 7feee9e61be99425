package search

import (
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// wordAnalyzer finds what the prose and exact analyzers make of a text, for
// highlighting, without running them over the whole text per request: the
// text is split into words once (a fast path for ASCII gives the same words
// as bleve's Unicode tokenizer), and what each analyzer's token filters make
// of a word is cached. This is exact because both analyzers share that
// tokenizer and their filters work on one token at a time; newWordAnalyzer
// returns nil otherwise, and highlighting falls back to full analysis.
type wordAnalyzer struct {
	tokenizer     analysis.Tokenizer
	prose, exact  []analysis.TokenFilter
	mu            sync.RWMutex
	terms         map[string]wordTerms
	maxCacheTerms int
}

// wordTerms is what the two analyzers make of one word.
type wordTerms struct {
	prose    string // the prose term, if kept
	hasProse bool   // false when the prose analyzer drops the word (a stop word)
	exact    string
	hasExact bool
}

// maxCachedWords bounds the word cache: a catalogue's vocabulary is far
// smaller, and past the bound words are analysed each time.
const maxCachedWords = 1 << 18

func newWordAnalyzer(prose, exact analysis.Analyzer) *wordAnalyzer {
	p, ok1 := prose.(*analysis.DefaultAnalyzer)
	e, ok2 := exact.(*analysis.DefaultAnalyzer)
	if !ok1 || !ok2 || len(p.CharFilters) > 0 || len(e.CharFilters) > 0 {
		return nil
	}
	if _, ok := p.Tokenizer.(*unicode.UnicodeTokenizer); !ok {
		return nil
	}
	if _, ok := e.Tokenizer.(*unicode.UnicodeTokenizer); !ok {
		return nil
	}
	for _, f := range append(append([]analysis.TokenFilter{}, p.TokenFilters...), e.TokenFilters...) {
		switch f.(type) {
		case *en.PossessiveFilter, foldTokens, *stop.StopTokensFilter, *porter.PorterStemmer, *lowercase.LowerCaseFilter:
		default:
			return nil // a filter that may look at more than one token
		}
	}
	return &wordAnalyzer{
		tokenizer:     p.Tokenizer,
		prose:         p.TokenFilters,
		exact:         e.TokenFilters,
		terms:         map[string]wordTerms{},
		maxCacheTerms: maxCachedWords,
	}
}

// words returns the byte ranges of the words of text, as the tokenizer
// finds them.
func (wa *wordAnalyzer) words(text string, out []span) []span {
	if ws, ok := asciiWords(text, out); ok {
		return ws
	}
	for _, t := range wa.tokenizer.Tokenize([]byte(text)) {
		out = append(out, span{t.Start, t.End})
	}
	return out
}

// analyze returns what each analyzer makes of each word of text.
func (wa *wordAnalyzer) analyze(text string, words []span, out []wordTerms) []wordTerms {
	out = out[:0]
	var missing []int
	wa.mu.RLock()
	for i, w := range words {
		t, ok := wa.terms[text[w.start:w.end]]
		if !ok {
			missing = append(missing, i)
		}
		out = append(out, t)
	}
	wa.mu.RUnlock()
	if len(missing) == 0 {
		return out
	}
	for _, i := range missing {
		out[i] = wa.analyzeWord(text[words[i].start:words[i].end])
	}
	wa.mu.Lock()
	for _, i := range missing {
		if len(wa.terms) >= wa.maxCacheTerms {
			break
		}
		word := text[words[i].start:words[i].end]
		if _, ok := wa.terms[word]; !ok {
			wa.terms[strings.Clone(word)] = out[i]
		}
	}
	wa.mu.Unlock()
	return out
}

// analyzeWord runs both filter chains over one word.
func (wa *wordAnalyzer) analyzeWord(word string) wordTerms {
	var wt wordTerms
	wt.prose, wt.hasProse = runFilters(wa.prose, word)
	wt.exact, wt.hasExact = runFilters(wa.exact, word)
	return wt
}

func runFilters(filters []analysis.TokenFilter, word string) (string, bool) {
	ts := analysis.TokenStream{{Term: []byte(word), Start: 0, End: len(word), Position: 1, Type: analysis.AlphaNumeric}}
	for _, f := range filters {
		ts = f.Filter(ts)
	}
	if len(ts) != 1 {
		return "", false
	}
	return string(ts[0].Term), true
}

// Character classes of Unicode word segmentation (UAX #29) in ASCII.
const (
	wbOther     = iota
	wbLetter    // A-Z a-z
	wbNumeric   // 0-9
	wbExtendNum // _
	wbMidLetter // :
	wbMidNumLet // . and ' (MidNumLet, Single_Quote): between letters or between digits
	wbMidNum    // , ;
)

var wbClass = func() (c [128]uint8) {
	for b := 'a'; b <= 'z'; b++ {
		c[b] = wbLetter
		c[b-'a'+'A'] = wbLetter
	}
	for b := '0'; b <= '9'; b++ {
		c[b] = wbNumeric
	}
	c['_'] = wbExtendNum
	c[':'] = wbMidLetter
	c['.'], c['\''] = wbMidNumLet, wbMidNumLet
	c[','], c[';'] = wbMidNum, wbMidNum
	return c
}()

// asciiWords appends to out the words of an ASCII text exactly as bleve's
// Unicode tokenizer finds them: runs of letters, digits and underscores,
// joined across one ':', '.' or '\” between letters and one ',', ';', '.'
// or '\” between digits. ok is false if text is not all ASCII.
func asciiWords(text string, out []span) ([]span, bool) {
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			return out, false
		}
	}
	n := len(text)
	for i := 0; i < n; {
		c := wbClass[text[i]]
		if c != wbLetter && c != wbNumeric && c != wbExtendNum {
			i++
			continue
		}
		start := i
		prev := c
		i++
		for i < n {
			c = wbClass[text[i]]
			if c == wbLetter || c == wbNumeric || c == wbExtendNum {
				prev = c
				i++
				continue
			}
			if i+1 < n {
				next := wbClass[text[i+1]]
				letters := prev == wbLetter && next == wbLetter && (c == wbMidLetter || c == wbMidNumLet)
				digits := prev == wbNumeric && next == wbNumeric && (c == wbMidNum || c == wbMidNumLet)
				if letters || digits {
					prev = next
					i += 2
					continue
				}
			}
			break
		}
		out = append(out, span{start, i})
	}
	return out, true
}
