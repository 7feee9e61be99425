// Package text holds small string rules that several Casebook packages share:
// capitalising a label and measuring how far apart two spellings are. It
// imports none of Casebook's packages, so any package may use it.
package text

import (
	"strings"
	"unicode/utf8"
)

// UpperFirst returns s with its first letter in upper case (rune-aware, so
// "évaluation" becomes "Évaluation").
func UpperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || r == utf8.RuneError {
		return s
	}
	return strings.ToUpper(string(r)) + s[size:]
}

// EditDistance is the edit distance between a and b in runes, counting an
// insertion, a deletion, a substitution or a swap of two neighbouring letters
// as one edit (optimal string alignment). It returns limit+1 as soon as the
// distance is certain to exceed limit; a negative limit means no limit.
func EditDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if limit < 0 {
		limit = len(ra) + len(rb)
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
