package catalog

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/casebook/casebook/internal/text"
)

// Fold lower-cases s and removes accents, so that "Medellín" and "medellin"
// compare equal.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ß':
			b.WriteString("ss")
			continue
		case 'ø', 'Ø':
			r = 'o'
		case 'æ', 'Æ':
			b.WriteString("ae")
			continue
		case 'œ', 'Œ':
			b.WriteString("oe")
			continue
		case 'ł', 'Ł':
			r = 'l'
		case 'đ', 'Đ':
			r = 'd'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Slugify turns a title into a slug: accents folded, lower case, words joined
// by single hyphens, at most MaxSlugLen characters, cut at a word boundary.
func Slugify(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range Fold(title) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
			// Deputy's -> deputys
		default:
			hyphen = true
		}
	}
	s := b.String()
	for len(s) > MaxSlugLen {
		i := strings.LastIndexByte(s[:MaxSlugLen], '-')
		if i <= 0 {
			s = s[:MaxSlugLen]
			break
		}
		s = s[:i]
	}
	return s
}

// MaxSlugLen is the longest slug allowed.
const MaxSlugLen = 80

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s is a well-formed slug.
func ValidSlug(s string) bool {
	return len(s) <= MaxSlugLen && slugRE.MatchString(s)
}

// nearest returns the candidate closest to s by edit distance, if it is within
// maxDist edits (or s is a prefix of it), or "" when none is close.
func nearest(s string, candidates []string, maxDist int) string {
	best, bestD := "", maxDist+1
	for _, c := range candidates {
		d := text.EditDistance(s, c, maxDist)
		if d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	if best != "" {
		return best
	}
	for _, c := range candidates {
		if len(s) >= 3 && (strings.HasPrefix(c, s) || strings.HasPrefix(s, c)) {
			return c
		}
	}
	return ""
}
