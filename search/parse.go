package search

import (
	"strings"
	"unicode"

	"github.com/casebook/casebook/catalog"
)

// parsedText is query text split into what the user meant: words that must
// all match, "quoted phrases", and -exclusions.
type parsedText struct {
	words    []string
	phrases  []string
	excluded []string // words or phrases; a phrase has spaces
	typed    int      // words as typed, repeats included (see wordCount)
	lastWord bool     // the text ends with a positive word (not a phrase or exclusion)
}

func (p parsedText) terms() []string {
	out := make([]string, 0, len(p.words)+len(p.phrases)+len(p.excluded))
	out = append(out, p.words...)
	out = append(out, p.phrases...)
	return append(out, p.excluded...)
}

// wordCount counts the words of every term, a phrase or a compound such as
// once-only or GOV.UK counting each of its parts: the cost of a query grows
// with its words, however they are grouped.
func (p parsedText) wordCount() int {
	n := 0
	for _, t := range p.terms() {
		n += len(strings.FieldsFunc(t, func(r rune) bool {
			return unicode.IsSpace(r) || r == '-' || r == '.' || r == '_' || r == '&'
		}))
	}
	return n
}

// dedupe drops repeated words, phrases and exclusions (compared with case
// and accents folded), which cost work and change no result.
func (p *parsedText) dedupe() {
	seen := map[string]bool{}
	keep := func(list []string, kind string) []string {
		out := list[:0]
		for _, t := range list {
			k := kind + catalog.Fold(t)
			if !seen[k] {
				seen[k] = true
				out = append(out, t)
			}
		}
		return out
	}
	p.words = keep(p.words, "w:")
	p.phrases = keep(p.phrases, "p:")
	p.excluded = keep(p.excluded, "x:")
}

func (p parsedText) empty() bool { return len(p.words) == 0 && len(p.phrases) == 0 }

// parseText splits user text. Nothing in it is an operator except double
// quotes around a phrase and a leading minus; every other character is
// text, and characters that only separate words (brackets, *, ?, ~, ^, :,
// /, \ and the like) become spaces.
func parseText(s string) parsedText {
	var p parsedText
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		if unicode.IsSpace(r) {
			i++
			continue
		}
		neg := false
		if r == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && rs[i+1] != '-' {
			neg = true
			i++
			r = rs[i]
		}
		if r == '"' || r == '“' || r == '”' {
			j := i + 1
			for j < len(rs) && rs[j] != '"' && rs[j] != '“' && rs[j] != '”' {
				j++
			}
			phrase := cleanWords(string(rs[i+1 : j]))
			i = j + 1
			p.lastWord = false
			if phrase == "" {
				continue
			}
			switch {
			case neg:
				p.excluded = append(p.excluded, phrase)
			case strings.Contains(phrase, " "):
				p.phrases = append(p.phrases, phrase)
			default:
				p.words = append(p.words, phrase)
			}
			continue
		}
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '"' && rs[j] != '“' && rs[j] != '”' {
			j++
		}
		chunk := string(rs[i:j])
		i = j
		for _, w := range strings.Fields(cleanWords(chunk)) {
			if neg {
				p.excluded = append(p.excluded, w)
				neg = false // only the first word of a chunk like -a/b is excluded
				p.lastWord = false
				continue
			}
			p.words = append(p.words, w)
			p.lastWord = true
		}
	}
	p.typed = p.wordCount()
	p.dedupe()
	return p
}

// cleanWords replaces separator punctuation with spaces and trims the
// punctuation that only decorates words, keeping what is part of a term:
// GOV.UK, Deputy's, once-only, 311, 3.5.
func cleanWords(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		case r == '.' || r == '\'' || r == '’' || r == '-' || r == '&' || r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	fields := strings.Fields(b.String())
	for i, f := range fields {
		fields[i] = strings.Trim(f, ".'’-&_")
	}
	return strings.Join(strings.Fields(strings.Join(fields, " ")), " ")
}
