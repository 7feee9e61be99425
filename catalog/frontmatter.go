package catalog

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest content file accepted, in bytes.
const MaxFileSize = 1 << 20

// document is a content file split into its front matter and body, with the
// line numbers needed to point problems at the right place in the file.
type document struct {
	front     []byte // YAML between the fences
	frontLine int    // file line of the first YAML line
	closeLine int    // file line of the closing fence
	body      []byte // Markdown after the closing fence
	bodyLine  int    // file line of the first body line
}

// splitDocument checks the raw bytes of a content file and splits off its
// front matter. A byte-order mark is removed and CRLF line ends become LF; the
// line numbers are those of the original file.
func splitDocument(data []byte, pl *problemList) (*document, bool) {
	if len(data) > MaxFileSize {
		pl.errorf(0, "file is %d bytes; the limit is %d (1 MiB)", len(data), MaxFileSize)
		return nil, false
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		pl.errorf(0, "file is empty: it needs front matter between two lines of ---")
		return nil, false
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n"))
		pl.errorf(line, "file is not valid UTF-8 text; save it as UTF-8")
		return nil, false
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	lines := strings.SplitAfter(string(data), "\n")
	if !isFence(lines[0]) {
		pl.errorf(1, "missing front matter: the file must start with a line of three dashes (---)")
		return nil, false
	}
	for i := 1; i < len(lines); i++ {
		if isFence(lines[i]) {
			return &document{
				front:     []byte(strings.Join(lines[1:i], "")),
				frontLine: 2,
				closeLine: i + 1,
				body:      []byte(strings.Join(lines[i+1:], "")),
				bodyLine:  i + 2,
			}, true
		}
	}
	pl.errorf(1, "front matter is never closed: add a line of three dashes (---) after it")
	return nil, false
}

func isFence(line string) bool {
	return strings.TrimRight(line, " \t\n") == "---"
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// fields is the decoded top-level mapping of a front matter block.
type fields struct {
	doc  *document
	pl   *problemList
	keys map[string]*yaml.Node // key name -> value node
	line map[string]int        // key name -> file line of the key
}

// parseFields parses front matter YAML into its top-level keys, reporting
// syntax errors, duplicate keys and keys not in allowed.
func parseFields(doc *document, pl *problemList, allowed []string) (*fields, bool) {
	f := &fields{doc: doc, pl: pl, keys: map[string]*yaml.Node{}, line: map[string]int{}}
	var root yaml.Node
	if err := yaml.Unmarshal(doc.front, &root); err != nil {
		line, msg := explainYAML(doc.front, err)
		pl.errorf(f.fileLine(line), "front matter is not valid YAML: %s", msg)
		return nil, false
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return f, true // empty front matter: required keys are reported by the caller
	}
	m := root.Content[0]
	if m.Kind == yaml.ScalarNode && m.Tag == "!!null" {
		return f, true
	}
	if m.Kind != yaml.MappingNode {
		pl.errorf(f.fileLine(m.Line), "front matter must be a list of key: value lines")
		return nil, false
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		line := f.fileLine(k.Line)
		if prev, dup := f.line[k.Value]; dup {
			pl.errorf(line, "key %q appears twice (first on line %d)", k.Value, prev)
			continue
		}
		if !contains(allowed, k.Value) {
			if s := nearest(k.Value, allowed, 2); s != "" {
				pl.errorf(line, "unknown key %q (did you mean %q?)", k.Value, s)
			} else {
				pl.errorf(line, "unknown key %q; allowed keys: %s", k.Value, strings.Join(allowed, ", "))
			}
			continue
		}
		f.keys[k.Value] = v
		f.line[k.Value] = line
	}
	return f, true
}

// fileLine converts a 1-based line within the YAML block to a line in the file.
func (f *fields) fileLine(yamlLine int) int {
	if yamlLine < 1 {
		yamlLine = 1
	}
	line := f.doc.frontLine + yamlLine - 1
	if line > f.doc.closeLine {
		line = f.doc.closeLine
	}
	return line
}

// nodeLine is the file line of a value node, or of its key when the node has none.
func (f *fields) nodeLine(key string, n *yaml.Node) int {
	if n != nil && n.Line > 0 {
		return f.fileLine(n.Line)
	}
	return f.line[key]
}

// missing reports a required key that is absent.
func (f *fields) missing(key string) {
	f.pl.errorf(f.doc.closeLine, "missing required key %q", key)
}

// str reads a string key. Scalars of any type are accepted as text.
func (f *fields) str(key string, required bool, maxLen int) string {
	n, ok := f.keys[key]
	if !ok {
		if required {
			f.missing(key)
		}
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		f.pl.errorf(f.nodeLine(key, n), "%s must be a single line of text, not a %s", key, kindName(n))
		return ""
	}
	s := strings.TrimSpace(n.Value)
	if n.Tag == "!!null" {
		s = ""
	}
	if s == "" {
		if required {
			f.pl.errorf(f.nodeLine(key, n), "%s is empty; it is required", key)
		}
		return ""
	}
	if maxLen > 0 && utf8.RuneCountInString(s) > maxLen {
		f.pl.errorf(f.nodeLine(key, n), "%s is %d characters; the limit is %d", key, utf8.RuneCountInString(s), maxLen)
	}
	return s
}

// integer reads a whole-number key.
func (f *fields) integer(key string, required bool) (int, bool) {
	n, ok := f.keys[key]
	if !ok {
		if required {
			f.missing(key)
		}
		return 0, false
	}
	return f.intValue(key, n, f.nodeLine(key, n))
}

// intValue reads a whole number from a value node; name and line point the
// problem. A quoted number ("2018") is accepted with a warning.
func (f *fields) intValue(name string, n *yaml.Node, line int) (int, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && (n.Style == yaml.DoubleQuotedStyle || n.Style == yaml.SingleQuotedStyle) {
		if v, err := strconv.Atoi(strings.TrimSpace(n.Value)); err == nil {
			f.pl.warnf(line, "%s is written in quotes (%q), which makes it text; remove the quotes", name, n.Value)
			return v, true
		}
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		f.pl.errorf(line, "%s must be a whole number, like 2015 (got %s)", name, describe(n))
		return 0, false
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil {
		f.pl.errorf(line, "%s must be a whole number, like 2015 (got %s)", name, describe(n))
		return 0, false
	}
	return v, true
}

// listItem is one text entry of a list, with its file line.
type listItem struct {
	value string
	line  int
}

// list reads a list of text; empty items are errors, repeats are dropped
// (compared case-insensitively).
func (f *fields) list(key string, required bool) []listItem {
	n, ok := f.keys[key]
	if !ok {
		if required {
			f.missing(key)
		}
		return nil
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		if required {
			f.pl.errorf(f.nodeLine(key, n), "%s is empty; list at least one", key)
		}
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		f.pl.errorf(f.nodeLine(key, n), "%s must be a list, like %s: [first, second] (got %s)", key, key, describe(n))
		return nil
	}
	var out []listItem
	seen := map[string]bool{}
	bad := 0
	for _, item := range n.Content {
		line := f.nodeLine(key, item)
		if item.Kind != yaml.ScalarNode {
			f.pl.errorf(line, "each entry of %s must be text, not a %s", key, kindName(item))
			bad++
			continue
		}
		v := strings.TrimSpace(item.Value)
		if v == "" || item.Tag == "!!null" {
			f.pl.errorf(line, "%s has an empty entry", key)
			bad++
			continue
		}
		if seen[strings.ToLower(v)] {
			continue
		}
		seen[strings.ToLower(v)] = true
		out = append(out, listItem{value: v, line: line})
	}
	if required && len(out) == 0 && bad == 0 {
		f.pl.errorf(f.nodeLine(key, n), "%s is empty; list at least one", key)
	}
	return out
}

func values(items []listItem) []string {
	if len(items) == 0 {
		return nil
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.value
	}
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "set of keys"
	case yaml.AliasNode:
		return "alias"
	}
	return "value"
}

func describe(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		if n.Tag == "!!null" {
			return "nothing"
		}
		return strconv.Quote(n.Value)
	}
	return "a " + kindName(n)
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserErrors are go.yaml.in/yaml/v3 messages raised by its parser, which
// reports 0-based lines; its scanner reports 1-based ones.
var yamlParserErrors = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected key",
	"did not find expected node content",
	"found undefined tag handle",
}

// yamlErrorLine extracts the 1-based line within the YAML text and the bare
// message from a go.yaml.in/yaml/v3 error.
func yamlErrorLine(err error) (int, string) {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = "yaml: " + te.Errors[0]
	}
	m := yamlLineRE.FindStringSubmatch(msg)
	if m == nil {
		return 1, strings.TrimPrefix(msg, "yaml: ")
	}
	line, _ := strconv.Atoi(m[1])
	if contains(yamlParserErrors, m[2]) {
		line++
	}
	return line, m[2]
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
