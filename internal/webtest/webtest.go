// Package webtest holds checks that tests of Casebook's web pages share,
// in internal/web and in cmd/casebook: the structure every HTML page must
// have, the problems banner of watch mode, and a log buffer that servers
// may write to from many goroutines. It imports none of Casebook's
// packages; only tests import it.
package webtest

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
)

// CheckPage checks what every HTML page must have for accessibility and
// under the Content-Security-Policy.
func CheckPage(t testing.TB, body string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(body, "<!DOCTYPE html>") {
		t.Errorf("page does not start with <!DOCTYPE html>")
	}
	var h1s, mains, skips int
	ids := map[string]int{}
	labels := map[string]bool{}
	var controls []*html.Node
	Walk(doc, func(n *html.Node) {
		if id := Attr(n, "id"); id != "" {
			ids[id]++
		}
		switch n.Data {
		case "html":
			if Attr(n, "lang") != "en-CA" {
				t.Errorf("<html lang=%q>, want en-CA", Attr(n, "lang"))
			}
		case "h1":
			h1s++
		case "main":
			mains++
			if Attr(n, "id") != "main-content" {
				t.Errorf("<main> id = %q", Attr(n, "id"))
			}
		case "a":
			if Attr(n, "class") == "skip-link" && Attr(n, "href") == "#main-content" {
				skips++
			}
		case "label":
			labels[Attr(n, "for")] = true
		case "input", "select", "textarea":
			if typ := Attr(n, "type"); typ != "hidden" && typ != "submit" {
				controls = append(controls, n)
			}
		case "script", "style":
			if n.Data == "script" && strings.HasPrefix(Attr(n, "src"), "/static/") && n.FirstChild == nil {
				break // a script file of our own origin, which the CSP allows
			}
			t.Errorf("page has a <%s> element, which the CSP blocks", n.Data)
		}
		for _, a := range n.Attr {
			if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s> has a %s attribute, which the CSP blocks", n.Data, a.Key)
			}
		}
	})
	if h1s != 1 || mains != 1 || skips != 1 {
		t.Errorf("page has %d <h1>, %d <main>, %d skip links; want one each", h1s, mains, skips)
	}
	for _, c := range controls {
		if id := Attr(c, "id"); id == "" || !labels[id] {
			t.Errorf("<%s name=%q> has no label", c.Data, Attr(c, "name"))
		}
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q is used %d times", id, n)
		}
	}
}

// Walk calls fn for every element below and including n, in document order.
func Walk(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		Walk(c, fn)
	}
}

// Attr is the value of n's attribute key, or "".
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// Banner returns the problems banner of a page: its text, and whether it
// is there.
func Banner(t testing.TB, page string) (string, bool) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var text string
	var found bool
	Walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "section" && strings.Contains(Attr(n, "class"), "problems-banner") {
			found = true
			text = textOf(n)
		}
	})
	return strings.Join(strings.Fields(text), " "), found
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

// LogBuffer is a buffer that a logger may write to from many goroutines
// while a test reads it.
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what has been written so far.
func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
