package web

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/webtest"
	"github.com/casebook/casebook/search"
	"github.com/gin-gonic/gin"
	"golang.org/x/net/html"
)

// TestXSS checks that the hostile case is escaped or dropped on every page
// and in every API field that carries HTML.
func TestXSS(t *testing.T) {
	srv, _ := newTestServer(t, Config{EditURL: "https://example.org/edit/{path}"})
	pages := []string{
		"/", "/cases", "/cases?q=scriptword", "/cases?q=evil", "/cases?tag=%3Cscript%3Etag%3C%2Fscript%3E",
		"/cases?sector=%3Ciframe+src%3D%2F%2Fevil.example%3E", "/cases?q=%3Cscript%3Ealert(1)%3C/script%3E",
		"/cases?q=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E", "/cases?q=alert", "/cases/xss-attempt", "/factors",
		"/factors/collaboration", "/about",
	}
	for _, p := range pages {
		w := get(t, srv, p)
		if w.Code != 200 {
			t.Errorf("%s: status %d", p, w.Code)
			continue
		}
		body := w.Body.String()
		checkSafeMarkup(t, p, body)
		if strings.HasPrefix(p, "/cases?q=scriptword") && !strings.Contains(body, "/cases/xss-attempt") {
			t.Errorf("%s does not find the hostile case, so the test proves nothing", p)
		}
	}
	body := get(t, srv, "/cases/xss-attempt").Body.String()
	for _, want := range []string{
		"<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Evil &lt;b&gt;case&lt;/b&gt;</h1>", // title as text
		"&lt;script&gt;tag&lt;/script&gt;", // tag as text
		`href="/cases?tag=%3cscript%3etag%3c%2fscript%3e"`,
		"<!-- raw HTML omitted -->", // raw HTML in the body dropped
	} {
		if !strings.Contains(body, want) {
			t.Errorf("case page lacks %q", want)
		}
	}

	// Feeds are XML: the hostile text must be character data.
	for _, p := range []string{"/feed.xml", "/sitemap.xml"} {
		b := get(t, srv, p).Body.String()
		if strings.Contains(b, "<script") || strings.Contains(b, "<iframe") || strings.Contains(b, "<img") {
			t.Errorf("%s carries markup unescaped", p)
		}
	}

	// API fields that hold HTML.
	var c struct {
		BodyHTML string `json:"body_html"`
	}
	if err := json.Unmarshal(get(t, srv, "/api/v1/cases/xss-attempt").Body.Bytes(), &c); err != nil {
		t.Fatal(err)
	}
	if c.BodyHTML == "" {
		t.Errorf("body_html is empty")
	}
	checkSafeMarkup(t, "body_html", c.BodyHTML)
	for _, q := range []string{"scriptword", "evil", "alert", "script", "iframe", "onerror"} {
		var resp search.Response
		if err := json.Unmarshal(get(t, srv, "/api/v1/search?q="+q).Body.Bytes(), &resp); err != nil {
			t.Fatal(err)
		}
		for _, r := range resp.Results {
			for _, h := range r.Highlights {
				if strings.ContainsAny(markTags.Replace(h), "<>") {
					t.Errorf("q=%s: highlight has markup other than <mark>: %s", q, h)
				}
			}
		}
	}
}

// hostileFS is a catalogue whose every field attacks the pages: a hostile
// factor, two hostile cases that are related to each other and to a plain
// case (so they show in its related list), and hostile synonyms.
var hostileFS = fstest.MapFS{
	"factors/evil-factor.md": {Data: []byte(`---
title: "<script>alert('factor')</script> Evil <b>factor</b>"
summary: "<img src=x onerror=alert('fsum')> <iframe src=//evil.example></iframe> javascript:alert(1)"
aliases: ["<svg onload=alert(1)>", "\" onfocus=\"alert(1)"]
---
## <img src=x onerror=alert(1)> heading

<script>alert('factor body')</script>

[js](javascript:alert('factor'))
`)},
	"factors/plain-factor.md": {Data: []byte("---\ntitle: Plain factor\nsummary: Nothing odd here.\n---\nPlain.\n")},
	"cases/evil-one.md":       {Data: []byte(hostileCase("one", "<script>alert('t1')</script> Evil <b>one</b> scriptword"))},
	"cases/evil-two.md":       {Data: []byte(hostileCase("two", "\"><iframe src=javascript:alert('t2')></iframe> <a href=javascript:alert(2)>two</a> scriptword"))},
	"cases/plain-case.md": {Data: []byte(`---
title: Plain case
summary: A plain case that shares tags and a factor with the hostile ones.
country: Canada
level: local
year: 2019
tags: ["<script>tag</script>", "javascript:alert(1)"]
sectors: ["<iframe src=//evil.example>"]
factors: [evil-factor, plain-factor]
---
Plain text with scriptword.
`)},
	"synonyms.yaml": {Data: []byte("- [scriptword, \"<script>syn</script>\"]\n- [plain, \"<img src=x onerror=alert(1)>\"]\n")},
}

func hostileCase(n, title string) string {
	return `---
title: ` + yamlString(title) + `
summary: "<img src=x onerror=alert('s` + n + `')> <iframe src=https://evil.example></iframe> <a href=\"javascript:alert(1)\">x</a> scriptword"
country: "<svg onload=alert(1)>Canada"
jurisdiction: "<a href=javascript:alert(1)>J</a>"
level: local
year: 2020
status: pilot
organisations: ["<script>org</script>", "<img src=x onerror=alert('org')>"]
sectors: ["<iframe src=//evil.example>", "\" onmouseover=\"alert(1)"]
tags: ["<script>tag</script>", "javascript:alert(1)", "\" onmouseover=\"alert(1)", "<a href=javascript:x>t</a>"]
factors: [evil-factor]
sources:
  - title: "<script>alert('source')</script>"
    url: "https://example.org/\"><script>alert(1)</script>"
  - title: "<img src=x onerror=alert(2)>"
---
## Evil <script>alert('heading')</script> heading <img src=x onerror=alert(1)>

<script>alert('body')</script>

<iframe src="https://evil.example"></iframe>

<img src=x onerror="alert('img')">

<div onclick="alert(1)" style="background:url(javascript:alert(1))">div</div>

<svg onload=alert(1)><circle/></svg>

<math><mi xlink:href="javascript:alert(1)">m</mi></math>

<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">

<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">b</button></form>

<details open ontoggle=alert(1)>d</details>

<meta http-equiv="refresh" content="0;url=javascript:alert(1)">

<style>body{background:red}</style>

[js link](javascript:alert('link')) [upper](JaVaScRiPt:alert(1)) [entity](javascript&#58;alert(1))
[hex entity](&#x6A;avascript:alert(1)) [vb](vbscript:msgbox(1)) [data](data:text/html;base64,PHNjcmlwdD4=)
![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) ![js img](javascript:alert(3) "x\" onerror=\"alert(1)")
<javascript:alert(1)> <https://example.org/"onmouseover="alert(1)>

[ref link][evil]

[evil]: javascript:alert('ref')

| <script>cell</script> | [x](javascript:alert(1)) |
|---|---|
| <img src=x onerror=alert(1)> | <iframe></iframe> |

` + "`<script>in code</script>`" + `

Search word: scriptword.
`
}

func yamlString(s string) string {
	b, _ := json.Marshal(s) // a JSON string is a YAML double-quoted scalar
	return string(b)
}

// unsafeMarkup lists the elements and attributes in an HTML document that
// could run script, embed another page, or that only hostile content could
// bring into a page.
func unsafeMarkup(doc *html.Node) []string {
	var out []string
	webtest.Walk(doc, func(n *html.Node) {
		switch n.Data {
		case "svg":
			if !ourChart(n) {
				out = append(out, "<svg>")
			}
		case "iframe", "object", "embed", "frame", "base", "b":
			out = append(out, "<"+n.Data+">")
		}
		for _, a := range n.Attr {
			v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			switch {
			case strings.HasPrefix(a.Key, "on"), a.Key == "style", a.Key == "srcdoc":
				out = append(out, "<"+n.Data+" "+a.Key+">")
			case strings.HasSuffix(a.Key, "href") || a.Key == "src" || a.Key == "action" || a.Key == "formaction":
				if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:") {
					out = append(out, "<"+n.Data+" "+a.Key+"="+a.Val+">")
				}
			}
		}
	})
	var inHead func(*html.Node) bool
	inHead = func(n *html.Node) bool {
		for p := n.Parent; p != nil; p = p.Parent {
			if p.Type == html.ElementNode && p.Data == "head" {
				return true
			}
		}
		return false
	}
	webtest.Walk(doc, func(n *html.Node) {
		switch n.Data {
		case "math", "style", "applet", "marquee", "template":
			out = append(out, "<"+n.Data+">")
		case "script": // only the site's own script files, loaded from the head
			if !inHead(n) || !strings.HasPrefix(webtest.Attr(n, "src"), "/static/") || n.FirstChild != nil {
				out = append(out, "<"+n.Data+">")
			}
		case "form", "button", "input", "textarea", "select", "details":
			if !inSearchForm(n) && !inCompareForm(n) { // the pages' own controls are all in search or compare forms
				out = append(out, "<"+n.Data+">")
			}
		case "meta", "link":
			if !inHead(n) || webtest.Attr(n, "http-equiv") != "" {
				out = append(out, "<"+n.Data+">")
			}
		}
	})
	return out
}

// checkSafeMarkup parses a page and reports any unsafe markup in it.
func checkSafeMarkup(t *testing.T, path, body string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if bad := unsafeMarkup(doc); len(bad) > 0 {
		t.Errorf("%s carries unsafe markup: %v", path, bad)
	}
}

// inSearchForm reports whether n is, or is inside, one of the page's own
// forms: a GET form that submits to /cases.
func inSearchForm(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "form" {
			return webtest.Attr(p, "action") == "/cases" && (webtest.Attr(p, "method") == "" || strings.EqualFold(webtest.Attr(p, "method"), "get"))
		}
	}
	return false
}

// ourChart reports whether an <svg> is one the chart and map code drew:
// those carry its classes, which escaped content cannot add.
func ourChart(n *html.Node) bool {
	c := webtest.Attr(n, "class")
	drawn := strings.HasPrefix(c, "chart ") || c == "worldmap-map" || c == "worldmap-swatch"
	return drawn && (webtest.Attr(n, "role") == "img" || webtest.Attr(n, "aria-hidden") == "true")
}

// inCompareForm reports whether n is the results page's GET form to
// /compare or a control that belongs to it.
func inCompareForm(n *html.Node) bool {
	if n.Data == "form" {
		return webtest.Attr(n, "id") == "compare" && webtest.Attr(n, "action") == "/compare" && strings.EqualFold(webtest.Attr(n, "method"), "get")
	}
	return webtest.Attr(n, "form") == "compare"
}

// TestHostileContent loads a catalogue whose every field is hostile and
// checks every page, every API field holding HTML, the feed and the
// sitemap: the hostile text is shown escaped or dropped.
func TestHostileContent(t *testing.T) {
	gin.SetMode(gin.TestMode)
	var logBuf webtest.LogBuffer
	srv, err := New(Config{Log: slog.New(slog.NewTextHandler(&logBuf, nil)), EditURL: "https://example.org/edit/{path}"})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Load(hostileFS)
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Cases) != 3 || len(cat.Factors) != 2 || cat.Problems.HasErrors() {
		t.Fatalf("hostile catalogue: %d cases, %d factors, problems %v", len(cat.Cases), len(cat.Factors), cat.Problems)
	}
	ix, err := search.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	srv.setState(newState(cat, ix, cat.Problems))
	t.Cleanup(func() { assertNoRecoveries(t, srv, &logBuf) })

	esc := url.QueryEscape
	pages := []struct {
		path   string
		status int
	}{
		{"/", 200}, {"/cases", 200}, {"/cases?q=scriptword", 200}, {"/cases?q=evil", 200}, {"/cases?q=alert", 200},
		{"/cases?q=script", 200}, {"/cases?q=onerror", 200}, {"/cases?q=iframe+evil", 200}, {"/cases?q=plain", 200},
		{"/cases?q=scriptwrd", 200}, // a suggestion
		{"/cases?q=" + esc("<script>alert(1)</script>"), 200},
		{"/cases?q=" + esc(`"><img src=x onerror=alert(1)>`), 200},
		{"/cases?factor=evil-factor", 200},
		{"/cases?tag=" + esc("<script>tag</script>"), 200},
		{"/cases?tag=" + esc("javascript:alert(1)"), 200},
		{"/cases?sector=" + esc("<iframe src=//evil.example>"), 200},
		{"/cases?country=" + esc("<svg onload=alert(1)>Canada"), 200},
		{"/cases?q=scriptword&factor=evil-factor&level=local&status=pilot&year_from=2000&per_page=1&page=2", 200},
		{"/cases/evil-one", 200}, {"/cases/evil-two", 200}, {"/cases/plain-case", 200},
		{"/factors", 200}, {"/factors/evil-factor", 200}, {"/factors/plain-factor", 200}, {"/about", 200},
		{"/cases?year_from=" + esc("<script>alert(1)</script>"), 400},
		{"/cases?sort=" + esc(`"><script>alert(1)</script>`), 400},
		{"/cases?q=" + esc("<script>") + "&q=x", 400},
		{"/cases/" + esc("<script>alert(1)</script>"), 404},
		{"/" + esc(`"><script>alert(1)</script>`), 404},
	}
	for _, pg := range pages {
		p := pg.path
		w := get(t, srv, p)
		if w.Code != pg.status {
			t.Errorf("%s: status %d, want %d", p, w.Code, pg.status)
			continue
		}
		body := w.Body.String()
		checkSafeMarkup(t, p, body)
		webtest.CheckPage(t, body)
	}
	// The hostile cases are really shown, in every list a case appears in.
	shows := map[string][]string{
		"/cases?q=scriptword":  {`href="/cases/evil-one"`, `href="/cases/evil-two"`, "<mark>"},
		"/cases/plain-case":    {`href="/cases/evil-one"`}, // related cases
		"/factors/evil-factor": {`href="/cases/evil-one"`, "&lt;script&gt;alert(&#39;factor&#39;)&lt;/script&gt; Evil &lt;b&gt;factor&lt;/b&gt;"},
		"/":                    {`href="/cases/evil-one"`},
		"/cases/evil-one": {"<h1>&lt;script&gt;alert(&#39;t1&#39;)&lt;/script&gt; Evil &lt;b&gt;one&lt;/b&gt; scriptword</h1>",
			"&lt;script&gt;org&lt;/script&gt;", "&lt;script&gt;alert(&#39;source&#39;)&lt;/script&gt;", "<!-- raw HTML omitted -->"},
	}
	for p, wants := range shows {
		body := get(t, srv, p).Body.String()
		for _, want := range wants {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %q, so the test proves less than it claims", p, want)
			}
		}
	}

	// API fields holding HTML: body_html of cases and factors, highlights.
	htmlFields := map[string]string{}
	for _, p := range []string{"/api/v1/cases/evil-one", "/api/v1/cases/evil-two", "/api/v1/factors/evil-factor"} {
		var v struct {
			BodyHTML string `json:"body_html"`
		}
		w := get(t, srv, p)
		if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil || v.BodyHTML == "" {
			t.Fatalf("%s: %v: %s", p, err, truncate(w.Body.String(), 300))
		}
		htmlFields[p+" body_html"] = v.BodyHTML
	}
	for _, q := range []string{"scriptword", "evil", "alert", "script", "iframe", "onerror", "javascript", "img", "plain", "scriptwrd"} {
		var resp search.Response
		w := get(t, srv, "/api/v1/search?q="+q)
		if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
			t.Fatal(err)
		}
		for _, r := range resp.Results {
			for i, h := range r.Highlights {
				if strings.ContainsAny(markTags.Replace(h), "<>") {
					t.Errorf("q=%s: highlight has markup other than <mark>: %s", q, h)
				}
				htmlFields[fmt.Sprintf("q=%s %s highlight %d", q, r.Slug, i)] = h
			}
		}
	}
	for name, frag := range htmlFields {
		checkSafeMarkup(t, name, frag)
	}

	// Feed and sitemap: the hostile text is character data, and every link
	// is one of ours.
	for _, p := range []string{"/feed.xml", "/sitemap.xml"} {
		w := get(t, srv, p)
		allowed := map[string]bool{"feed": true, "title": true, "subtitle": true, "id": true, "updated": true, "link": true,
			"author": true, "name": true, "entry": true, "published": true, "summary": true, "category": true, "urlset": true, "url": true, "loc": true}
		dec := xml.NewDecoder(bytes.NewReader(w.Body.Bytes()))
		var text strings.Builder
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				if !allowed[tok.Name.Local] {
					t.Errorf("%s has a <%s> element", p, tok.Name.Local)
				}
				for _, a := range tok.Attr {
					if a.Name.Local == "type" && strings.Contains(a.Value, "html") && tok.Name.Local != "link" {
						t.Errorf("%s: <%s type=%q> would be rendered as HTML", p, tok.Name.Local, a.Value)
					}
					if a.Name.Local == "href" && !strings.HasPrefix(a.Value, "http://casebook.test/") {
						t.Errorf("%s: link to %q", p, a.Value)
					}
				}
			case xml.CharData:
				text.Write(tok)
			}
		}
		if p == "/feed.xml" && !strings.Contains(text.String(), "<script>alert('t1')</script>") {
			t.Errorf("%s: the hostile title is not in the feed as text", p)
		}
	}
}

// TestUnsafeMarkup checks the checker: it must flag what the hostile
// content tries, and pass the pages' own markup.
func TestUnsafeMarkup(t *testing.T) {
	hostile := []string{
		`<script>x</script>`, `<iframe src=x></iframe>`, `<img src=x onerror=alert(1)>`, `<a href="javascript:alert(1)">x</a>`,
		`<a href=" JaVa script:alert(1)">x</a>`, `<img src="data:image/svg+xml;base64,x">`, `<svg onload=x>`, `<math><mi xlink:href="javascript:x">m</mi></math>`,
		`<form action="javascript:x"><button formaction="javascript:x">b</button></form>`, `<details open ontoggle=x>d</details>`,
		`<div style="x">d</div>`, `<style>x</style>`, `<object data=x></object>`, `<embed src=x>`, `<iframe srcdoc="x"></iframe>`,
		`<meta http-equiv="refresh" content="0;url=x">`, `<b>bold title</b>`, `<input name=x>`,
	}
	for _, h := range hostile {
		doc, err := html.Parse(strings.NewReader("<!DOCTYPE html><html><head></head><body><main>" + h + "</main></body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		if len(unsafeMarkup(doc)) == 0 {
			t.Errorf("%s not flagged", h)
		}
	}
	safe := `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/static/x.css"></head><body><main>
<form method="get" action="/cases"><input name="q"><details><summary>More</summary><input type="checkbox" name="tag"></details><select name="sort"></select><button>Go</button></form>
<a href="/cases/x">x</a> <a href="https://example.org/">y</a> <img src="/static/icon.svg" alt=""> <mark>m</mark> <!-- raw HTML omitted --></main></body></html>`
	doc, err := html.Parse(strings.NewReader(safe))
	if err != nil {
		t.Fatal(err)
	}
	if bad := unsafeMarkup(doc); len(bad) > 0 {
		t.Errorf("safe markup flagged: %v", bad)
	}
}
