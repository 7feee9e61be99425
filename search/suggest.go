package search

import (
	"context"
	"strings"

	index "github.com/blevesearch/bleve_index_api"
)

// suggestBelow: a query with fewer results than this gets a suggestion, if a
// near spelling finds more.
const suggestBelow = 3

// fuzzyDict is the part of bleve's index reader that lists terms near a word.
type fuzzyDict interface {
	FieldDictFuzzy(field string, term string, fuzziness int, prefix string) (index.FieldDict, error)
}

// suggest returns q's text with each word that is rare or absent in the
// catalogue replaced by its most common near spelling, if that finds more
// than total cases; otherwise "".
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
	changed := false
	words := make([]string, len(parsed.words))
	for i, w := range parsed.words {
		words[i] = w
		exact := terms(ix.exact, w)
		if len(exact) != 1 {
			continue
		}
		best, bestCount, ownCount := "", uint64(0), uint64(0)
		fd, err := dict.FieldDictFuzzy(fieldExact, exact[0], max(1, fuzziness(exact[0])), "")
		if err != nil {
			continue
		}
		for {
			e, err := fd.Next()
			if err != nil || e == nil {
				break
			}
			if e.Term == exact[0] {
				ownCount = e.Count
				continue
			}
			if e.Count > bestCount || e.Count == bestCount && e.Term < best {
				best, bestCount = e.Term, e.Count
			}
		}
		fd.Close()
		if best != "" && bestCount > ownCount*2 {
			words[i] = best
			changed = true
		}
	}
	if !changed {
		return ""
	}
	text := rebuildText(words, parsed)
	alt := *q
	alt.Text = text
	n, err := ix.Count(ctx, alt)
	if err != nil || n <= total {
		return ""
	}
	return text
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
