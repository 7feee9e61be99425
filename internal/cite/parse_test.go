package cite

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// bibEntry is one entry read by parseBib.
type bibEntry struct {
	Type, Key string
	Fields    map[string]string // raw field values, without the outer braces
}

// parseBib reads braced BibTeX entries the way BibTeX itself finds the end
// of a field: by counting every brace, escaped or not, so an escape that
// leaves braces unbalanced fails here even where lenient readers cope.
func parseBib(s string) ([]bibEntry, error) {
	var out []bibEntry
	i := 0
	skip := func() {
		for i < len(s) && strings.ContainsRune(" \t\r\n", rune(s[i])) {
			i++
		}
	}
	for skip(); i < len(s); skip() {
		if s[i] != '@' {
			return nil, fmt.Errorf("offset %d: want @, got %q", i, s[i])
		}
		open := strings.IndexByte(s[i:], '{')
		comma := strings.IndexByte(s[i:], ',')
		if open < 0 || comma < open {
			return nil, fmt.Errorf("offset %d: no {key,", i)
		}
		e := bibEntry{Type: s[i+1 : i+open], Key: s[i+open+1 : i+comma], Fields: map[string]string{}}
		i += comma + 1
		for skip(); i < len(s) && s[i] != '}'; skip() {
			eq := strings.IndexByte(s[i:], '=')
			if eq < 0 {
				return nil, fmt.Errorf("entry %s: no = after offset %d", e.Key, i)
			}
			name := strings.TrimSpace(s[i : i+eq])
			i += eq + 1
			skip()
			if i >= len(s) || s[i] != '{' {
				return nil, fmt.Errorf("entry %s field %s: value does not start with {", e.Key, name)
			}
			depth, start := 0, i+1
			for ; i < len(s); i++ {
				if s[i] == '{' {
					depth++
				} else if s[i] == '}' {
					if depth--; depth == 0 {
						break
					}
				}
			}
			if i >= len(s) {
				return nil, fmt.Errorf("entry %s field %s: unbalanced braces", e.Key, name)
			}
			if _, dup := e.Fields[name]; dup {
				return nil, fmt.Errorf("entry %s: field %s twice", e.Key, name)
			}
			e.Fields[name] = s[start:i]
			i++
			skip()
			if i < len(s) && s[i] == ',' {
				i++
			}
		}
		if i >= len(s) {
			return nil, fmt.Errorf("entry %s: no closing }", e.Key)
		}
		i++
		out = append(out, e)
	}
	return out, nil
}

// texSafe reports whether value has no character TeX would read as markup
// outside the escapes texEscape writes, and returns value unescaped.
func texSafe(value string) (string, bool) {
	var undo, strip []string
	for _, pair := range [][2]string{
		{`{\textbackslash}`, `\`}, {`{\textbraceleft}`, `{`}, {`{\textbraceright}`, `}`},
		{`\%`, `%`}, {`\&`, `&`}, {`\$`, `$`}, {`\#`, `#`}, {`\_`, `_`},
		{`{\textasciicircum}`, `^`}, {`{\textasciitilde}`, `~`},
	} {
		undo = append(undo, pair[0], pair[1])
		strip = append(strip, pair[0], "")
	}
	rest := strings.NewReplacer(strip...).Replace(value)
	return strings.NewReplacer(undo...).Replace(value), !strings.ContainsAny(rest, `\{}%&$#_^~`+"\r\n")
}

// writeAndParse writes works with write, parses the output with parse and
// checks that there is one entry a work.
func writeAndParse[E any](t *testing.T, works []Work, write func(io.Writer, []Work) error, parse func(string) ([]E, error)) []E {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, works); err != nil {
		t.Fatal(err)
	}
	entries, err := parse(buf.String())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if len(entries) != len(works) {
		t.Fatalf("%d entries, want %d", len(entries), len(works))
	}
	return entries
}

func TestBibTeXParsesAsBibTeXDoes(t *testing.T) {
	works := hostileWorks()
	entries := writeAndParse(t, works, BibTeX, parseBib)
	for i, e := range entries {
		w := works[i]
		title, ok := strings.CutPrefix(e.Fields["title"], "{")
		title, ok2 := strings.CutSuffix(title, "}")
		if !ok || !ok2 {
			t.Errorf("entry %d: title %q is not protected by a second pair of braces", i, e.Fields["title"])
		}
		for name, raw := range e.Fields {
			if name == "title" {
				raw = title
			}
			if name == "url" {
				if strings.ContainsAny(raw, "{}\\ \r\n") {
					t.Errorf("entry %d: url %q has a brace, backslash or space", i, raw)
				}
				continue
			}
			if _, safe := texSafe(raw); !safe && name != "author" {
				t.Errorf("entry %d: field %s %q has unescaped TeX markup", i, name, raw)
			}
		}
		got, _ := texSafe(title)
		want := map[string]string{"title": oneLine(w.Title), "year": strconv.Itoa(w.Year), "url": w.URL, "publisher": "Casebook",
			"urldate": "2026-11-29", "version": w.Version, "note": "Content version " + w.Version}
		have := map[string]string{"title": got, "year": e.Fields["year"], "url": e.Fields["url"], "publisher": e.Fields["publisher"],
			"urldate": e.Fields["urldate"], "version": e.Fields["version"], "note": e.Fields["note"]}
		for k := range want {
			if have[k] != want[k] {
				t.Errorf("entry %d: %s %q, want %q", i, k, have[k], want[k])
			}
		}
	}
	if got := entries[1].Fields["author"]; got != "Doe, Jane and {Ministry of Health and Long-Term Care}" {
		t.Errorf("authors of entry 1: %q", got)
	}
}

// risLine is one RIS line: a two-character tag, two spaces, a hyphen, a space.
var risLine = regexp.MustCompile(`^([A-Z][A-Z0-9])  - (.*)$`)

// parseRIS reads RIS records as lists of tag/value pairs, insisting on CR LF
// line ends and the tag layout on every line.
func parseRIS(s string) ([][][2]string, error) {
	if !strings.HasSuffix(s, "\r\n") {
		return nil, fmt.Errorf("does not end in CR LF")
	}
	var recs [][][2]string
	var cur [][2]string
	for n, line := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		m := risLine.FindStringSubmatch(line)
		if m == nil || strings.ContainsAny(line, "\r\n\u2028") {
			return nil, fmt.Errorf("line %d %q is not a RIS line", n+1, line)
		}
		switch {
		case m[1] == "TY" && cur != nil, m[1] != "TY" && cur == nil:
			return nil, fmt.Errorf("line %d: %s out of place", n+1, m[1])
		case m[1] == "ER":
			recs, cur = append(recs, cur), nil
		default:
			cur = append(cur, [2]string{m[1], m[2]})
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("last record has no ER")
	}
	return recs, nil
}

func TestRISParses(t *testing.T) {
	works := hostileWorks()
	recs := writeAndParse(t, works, RIS, parseRIS)
	for i, rec := range recs {
		w := works[i]
		got := map[string][]string{}
		for _, tv := range rec {
			got[tv[0]] = append(got[tv[0]], tv[1])
		}
		want := map[string]string{"TY": "ELEC", "TI": oneLine(w.Title), "PY": strconv.Itoa(w.Year), "UR": w.URL,
			"PB": "Casebook", "Y2": "2026/11/29", "ET": w.Version, "N1": "Content version " + w.Version}
		for tag, v := range want {
			if len(got[tag]) != 1 || got[tag][0] != v {
				t.Errorf("record %d: %s = %q, want [%q]", i, tag, got[tag], v)
			}
		}
	}
}
