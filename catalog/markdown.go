package catalog

import (
	"bytes"
	"html"
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Heading is a section heading of a case body, for a table of contents.
type Heading struct {
	Level int    // 2 or 3
	ID    string // anchor id, unique within the document
	Text  string
}

// Rendered is a Markdown document turned into safe HTML, headings and plain text.
type Rendered struct {
	HTML     template.HTML
	Headings []Heading
	Text     string
}

// md is the one goldmark instance, built once and shared: GFM tables,
// strikethrough, autolinks and task lists, footnotes and heading ids. Raw
// HTML is never rendered, and links keep only safe schemes.
var md = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.Footnote),
	goldmark.WithParserOptions(
		parser.WithAutoHeadingID(),
		parser.WithASTTransformers(util.Prioritized(safeLinks{}, 100)),
	),
)

// RenderMarkdown renders a Markdown document with the catalogue's one
// goldmark instance: raw HTML dropped, links limited to safe schemes.
func RenderMarkdown(body []byte) (Rendered, error) {
	ctx := parser.NewContext(parser.WithIDs(newFoldingIDs()))
	doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, body, doc); err != nil {
		return Rendered{}, err
	}
	r := Rendered{HTML: template.HTML(buf.String())}
	var plain strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			if entering && (n.Level == 2 || n.Level == 3) {
				id, _ := n.AttributeString("id")
				idStr, _ := id.([]byte)
				r.Headings = append(r.Headings, Heading{Level: n.Level, ID: string(idStr), Text: nodeText(n, body)})
			}
		case *ast.Text:
			if entering {
				plain.Write(textValue(n, body))
				if n.SoftLineBreak() || n.HardLineBreak() {
					plain.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				plain.WriteString(html.UnescapeString(string(n.Value)))
			}
		case *ast.CodeSpan:
			// its *ast.Text children are written above
		}
		if !entering && n.Type() == ast.TypeBlock && plain.Len() > 0 {
			plain.WriteByte('\n')
		}
		return ast.WalkContinue, nil
	})
	// A copy: the builder's buffer has grown by doubling, and a catalogue
	// keeps every case's text for as long as it is served.
	r.Text = strings.Clone(strings.TrimSpace(plain.String()))
	return r, nil
}

// nodeText is the plain text inside n.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(textValue(c, src))
		case *ast.String:
			b.WriteString(html.UnescapeString(string(c.Value)))
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// textValue is the text of a Text node as a reader sees it: backslash
// escapes and entity references resolved.
func textValue(n *ast.Text, src []byte) []byte {
	v := n.Segment.Value(src)
	if _, inCode := n.Parent().(*ast.CodeSpan); inCode || n.IsRaw() {
		return v
	}
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

// safeLinks drops link and image destinations whose scheme is not http,
// https or mailto (relative links and #fragments are kept).
type safeLinks struct{}

func (safeLinks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var unsafe []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if !SafeURL(string(n.Destination), true) {
				n.Destination = nil
			}
		case *ast.Image:
			if !SafeURL(string(n.Destination), false) {
				n.Destination = nil
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				if !SafeURL(string(n.URL(src)), false) {
					unsafe = append(unsafe, n)
				}
			}
		}
		return ast.WalkContinue, nil
	})
	// An unsafe autolink becomes plain text.
	for _, n := range unsafe {
		n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(src)))
	}
}

// SafeURL reports whether u is a link a page may carry: http, https,
// mailto (when allowMailto), or a relative reference without a scheme.
func SafeURL(u string, allowMailto bool) bool {
	u = strings.TrimSpace(u)
	if u == "" {
		return true
	}
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "":
		// A scheme hidden by entities or control characters fails url.Parse or
		// stays in the path; reject any colon before the first slash.
		first := strings.IndexAny(u, "/?#")
		colon := strings.IndexByte(u, ':')
		return colon < 0 || (first >= 0 && colon > first)
	case "http", "https":
		return true
	case "mailto":
		return allowMailto
	}
	return false
}

// foldingIDs makes heading ids from headings with accents folded, so that
// "Über" gets "uber" rather than goldmark's default "ber".
type foldingIDs struct {
	used map[string]bool
	next map[string]int // per base, the suffix to try first, so repeats cost no rescan
}

func newFoldingIDs() *foldingIDs { return &foldingIDs{used: map[string]bool{}, next: map[string]int{}} }

func (s *foldingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Slugify(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	i := max(1, s.next[base])
	for ; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.next[base] = i
	s.used[id] = true
	return []byte(id)
}

func (s *foldingIDs) Put(value []byte) { s.used[string(value)] = true }
