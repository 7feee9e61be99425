package catalog

import (
	"slices"
	"strconv"
	"strings"
)

// explainYAML turns a YAML syntax error in front matter into a 1-based line
// within src and a plain explanation with a hint. It looks for the mistakes
// editors make (a tab, an unclosed quote or bracket, a colon in an unquoted
// value, uneven indentation), which the parser often reports lines later and
// in its own words; failing that, it gives the parser's line and message.
func explainYAML(src []byte, err error) (int, string) {
	line, msg := yamlErrorLine(err)
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		if indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]; strings.Contains(indent, "\t") {
			return i + 1, "this line is indented with a tab; YAML allows only spaces, so replace the tab with spaces"
		}
	}
	for i, l := range lines {
		key, value, ok := splitYAMLLine(l)
		if !ok || value == "" {
			continue
		}
		switch q := value[0]; {
		case (q == '"' || q == '\'') && !closedQuote(value):
			return i + 1, "the quote (" + string(q) + ") opened on this line is never closed; add a closing " + string(q) + " at the end of the value"
		case q == '[' && !strings.Contains(value, "]"):
			return i + 1, "the list opened with [ on this line is never closed; add ] at its end"
		case q != '"' && q != '\'' && q != '[' && q != '{' && strings.Contains(stripComment(value), ": "):
			name := key
			if name == "" {
				name = "this entry"
			}
			return i + 1, "the value of " + name + " contains \": \", which YAML reads as the start of a new key; put the whole value in double quotes, like " + key + ": \"" + strings.ReplaceAll(stripComment(value), `"`, `\"`) + "\""
		}
	}
	if i, want := unevenIndent(lines); i >= 0 {
		return i + 1, "this line is not indented like the lines above it; indent it by " + want + " to line it up with the keys at its level"
	}
	return line, msg + " (look on this line and the one before for a missing quote, bracket, or space after a colon)"
}

// splitYAMLLine splits a front-matter line into its key and value, after any
// list dash; ok is false for blank lines, comments and lines without either.
func splitYAMLLine(l string) (key, value string, ok bool) {
	t := strings.TrimSpace(l)
	if strings.HasPrefix(t, "#") {
		return "", "", false
	}
	t = strings.TrimSpace(strings.TrimPrefix(t, "- "))
	if t == "" || t == "-" {
		return "", "", false
	}
	if t[0] == '"' || t[0] == '\'' || t[0] == '[' {
		return "", t, true // a list entry that is a value
	}
	k, v, found := strings.Cut(t, ":")
	if !found {
		return "", "", false
	}
	return strings.TrimSpace(k), strings.TrimSpace(v), true
}

// closedQuote reports whether a value that starts with a quote ends it on the same line.
func closedQuote(v string) bool {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++ // '' is a quote inside single quotes
		case v[i] == q:
			return true
		}
	}
	return false
}

func stripComment(v string) string {
	if i := strings.Index(v, " #"); i >= 0 {
		return strings.TrimSpace(v[:i])
	}
	return v
}

// unevenIndent finds the first line indented by an amount that matches no
// open level above it, and describes the indentation expected there (the
// nearest open level); -1 when every line lines up.
func unevenIndent(lines []string) (int, string) {
	levels := []int{0}
	opens := false // the line before ends with a colon: a deeper level may start
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		ind := len(l) - len(strings.TrimLeft(l, " "))
		if opens && ind > levels[len(levels)-1] {
			levels = append(levels, ind)
		} else {
			open := slices.Clone(levels)
			for len(levels) > 1 && levels[len(levels)-1] > ind {
				levels = levels[:len(levels)-1]
			}
			if levels[len(levels)-1] != ind {
				want := open[0]
				for _, n := range open {
					if abs(n-ind) <= abs(want-ind) {
						want = n
					}
				}
				return i, spaces(want)
			}
		}
		if strings.HasPrefix(t, "- ") {
			levels = append(levels, ind+2) // the keys of a list entry line up after its dash
		}
		opens = strings.HasSuffix(stripComment(t), ":")
	}
	return -1, ""
}

func abs(n int) int { return max(n, -n) }

func spaces(n int) string {
	switch n {
	case 0:
		return "no spaces"
	case 1:
		return "1 space"
	}
	return strconv.Itoa(n) + " spaces"
}
