package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/net/html"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
	"github.com/casebook/casebook/search"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// webCatalogFS is a small catalogue for the web tests, separate from the
// embedded content so content edits never break them. It has one case
// written to attack the pages (xss-attempt), one broken file and one unused
// factor, so that /api/v1/problems has something to list.
var webCatalogFS = fstest.MapFS{
	"factors/collaboration.md":  {Data: []byte("---\ntitle: A culture of collaboration\nsummary: People work across ministries and sectors.\naliases: [partnership]\n---\n## What it is\n\nWorking across boundaries.\n")},
	"factors/service-users.md":  {Data: []byte("---\ntitle: A focus on service users\nsummary: Start from the needs of the people served.\n---\n# A stray top heading\n\nDesign with users.\n")},
	"factors/risk-tolerance.md": {Data: []byte("---\ntitle: Tolerance of risk\nsummary: Accept that some new ideas will not work.\n---\nPilot first.\n")},
	"cases/community-hubs.md": {Data: []byte(`---
title: Community Hubs
summary: Schools and other public buildings become hubs that bring local services together.
country: Canada
jurisdiction: Ontario
level: provincial
year: 2015
status: ongoing
organisations: [Ontario Ministry of Infrastructure]
sectors: [Social Services, health]
tags: [community hubs, service integration]
factors: [collaboration, service-users]
sources:
  - title: Community Hubs in Ontario
    url: https://www.ontario.ca/page/community-hubs
  - title: A printed report without a link
---
## Challenge

Services were scattered and school buildings stood empty.

## What they did

The province helped community groups share public buildings as hubs.

### An advisory group

A special advisor consulted widely.

## Results

Hubs opened in several towns.

## Lessons

Funding rules built for single programs get in the way.
`)},
	"cases/porto-alegre-budget.md": {Data: []byte(`---
title: Porto Alegre Participatory Budgeting
summary: Since 1989 residents' assemblies have decided part of the city's investment budget.
country: Brazil
jurisdiction: Porto Alegre
level: local
year: 1989
status: completed
sectors: [municipal budgeting]
tags: [participatory budgeting, civic engagement]
factors: [service-users]
---
## Challenge

Investment favoured wealthy districts.

## What they did

The city created a participatory budget with district assemblies every year.
`)},
	"cases/digital-service.md": {Data: []byte(`---
title: Government Digital Service
summary: A central team built one website for government around user needs.
country: United Kingdom
level: national
year: 2011
sectors: [digital government, health]
tags: [digital service, community hubs]
factors: [collaboration]
---
# Overview

A level-one heading that must not become a second h1.

## What they did

The team built GOV.UK and tested pages with the people who use them.
`)},
	"cases/xss-attempt.md": {Data: []byte(`---
title: "<script>alert('title')</script> Evil <b>case</b>"
summary: "<img src=x onerror=alert('summary')> and <iframe src=https://evil.example></iframe>"
country: "<svg onload=alert(1)>Canada"
jurisdiction: "<a href=javascript:alert(1)>J</a>"
level: local
year: 2020
organisations: ["<script>org</script>"]
sectors: ["<iframe src=//evil.example>"]
tags: ["<script>tag</script>", "javascript:alert(1)", "\" onmouseover=\"alert(1)"]
factors: [collaboration]
sources:
  - title: "<script>alert('source')</script>"
    url: "https://example.org/\"><script>alert(1)</script>"
  - title: "<img src=x onerror=alert(2)>"
---
## Evil <script>alert('heading')</script> heading

<script>alert('body')</script>

<iframe src="https://evil.example"></iframe>

<img src=x onerror="alert('img')">

[click me](javascript:alert('link')) and [data](data:text/html;base64,PHNjcmlwdD4=) and ![pic](javascript:alert(3))

<a href="javascript:alert(4)">raw link</a>

Search word: scriptword.
`)},
	"cases/broken.md": {Data: []byte("no front matter here\n")},
}

var (
	webCatOnce sync.Once
	webCat     *catalog.Catalog
	webIx      *search.Index
	webErr     error
)

// testIndex returns the web test catalogue and its index, built once.
func testIndex(t *testing.T) (*catalog.Catalog, *search.Index) {
	t.Helper()
	webCatOnce.Do(func() {
		webCat, webErr = catalog.Load(webCatalogFS)
		if webErr == nil {
			webIx, webErr = search.New(webCat)
		}
	})
	if webErr != nil {
		t.Fatal(webErr)
	}
	if len(webCat.Cases) != 4 {
		t.Fatalf("test catalogue has %d cases, want 4; problems: %v", len(webCat.Cases), webCat.Problems)
	}
	return webCat, webIx
}

// newTestServer builds a server for the web test catalogue. Its log goes
// to the returned buffer.
func newTestServer(t *testing.T, cfg serverConfig) (*server, *bytes.Buffer) {
	t.Helper()
	gin.SetMode(gin.TestMode)
	var logBuf bytes.Buffer
	cfg.Log = slog.New(slog.NewTextHandler(&syncWriter{w: &logBuf}, nil))
	srv, err := newServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	cat, ix := testIndex(t)
	srv.setState(newState(cat, ix))
	return srv, &logBuf
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// do sends one request to h and returns the recorded response.
func do(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, "http://casebook.test"+target, nil)
	if strings.HasPrefix(target, "http") {
		req = httptest.NewRequest(method, target, nil)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	return do(t, h, http.MethodGet, target)
}

const (
	ctHTML = "text/html; charset=utf-8"
	ctJSON = "application/json; charset=utf-8"
)

// TestRoutes checks every route's status, content type and key fragments.
func TestRoutes(t *testing.T) {
	srv, _ := newTestServer(t, serverConfig{})
	tests := []struct {
		name, method, path string
		status             int
		ctype              string
		want               []string
	}{
		{"home", "GET", "/", 200, ctHTML, []string{"<h1>Learn from public-sector innovation</h1>", `href="/cases?factor=collaboration"`, "Community Hubs"}},
		{"cases", "GET", "/cases", 200, ctHTML, []string{"<h1>Case studies</h1>", "4 cases found"}},
		{"cases search", "GET", "/cases?q=hubs", 200, ctHTML, []string{"found for “hubs”", "<mark>"}},
		{"case", "GET", "/cases/community-hubs", 200, ctHTML, []string{"<h1>Community Hubs</h1>", "Cite this case"}},
		{"factors", "GET", "/factors", 200, ctHTML, []string{"<h1>Success factors</h1>", `href="/factors/collaboration"`}},
		{"factor", "GET", "/factors/collaboration", 200, ctHTML, []string{"<h1>A culture of collaboration</h1>", "Cases that show this factor"}},
		{"about", "GET", "/about", 200, ctHTML, []string{"<h1>About Casebook</h1>", `id="contribute"`, `href="/about/editor-guide"`}},
		{"editor guide", "GET", "/about/editor-guide", 200, ctHTML, []string{"<h1>Editor guide</h1>", "casebook new"}},
		{"feed", "GET", "/feed.xml", 200, "application/atom+xml; charset=utf-8", []string{`<feed xmlns="http://www.w3.org/2005/Atom">`, "<entry>"}},
		{"sitemap", "GET", "/sitemap.xml", 200, "application/xml; charset=utf-8", []string{"<loc>http://casebook.test/cases/community-hubs</loc>"}},
		{"robots", "GET", "/robots.txt", 200, "text/plain; charset=utf-8", []string{"Disallow: /api/", "Sitemap: http://casebook.test/sitemap.xml"}},
		{"healthz", "GET", "/healthz", 200, "text/plain; charset=utf-8", []string{"ok"}},
		{"stylesheet", "GET", srv.assets.CSS, 200, "text/css; charset=utf-8", []string{"--focus"}},
		{"icon", "GET", srv.assets.Icon, 200, "image/svg+xml", []string{"<svg"}},
		{"api search", "GET", "/api/v1/search?q=hubs", 200, ctJSON, []string{`"total":`, `"facets":`}},
		{"api search csv", "GET", "/api/v1/search?format=csv", 200, "text/csv; charset=utf-8", []string{"slug,title,summary"}},
		{"api case", "GET", "/api/v1/cases/community-hubs", 200, ctJSON, []string{`"body_html":`, `"headings":`}},
		{"api factors", "GET", "/api/v1/factors", 200, ctJSON, []string{`"factors":[`, `"count":`}},
		{"api factor", "GET", "/api/v1/factors/collaboration", 200, ctJSON, []string{`"cases":[`}},
		{"api problems", "GET", "/api/v1/problems", 200, ctJSON, []string{`"file":"cases/broken.md"`, `"severity":"error"`}},
		{"head home", "HEAD", "/", 200, ctHTML, nil},
		{"head api", "HEAD", "/api/v1/factors", 200, ctJSON, nil},

		{"unknown page", "GET", "/nope", 404, ctHTML, []string{"<h1>Page not found</h1>"}},
		{"unknown case", "GET", "/cases/no-such-case", 404, ctHTML, []string{"<h1>Page not found</h1>", "no case study at this address"}},
		{"unknown factor", "GET", "/factors/no-such-factor", 404, ctHTML, []string{"Page not found"}},
		{"dot dot slug", "GET", "/cases/%2e%2e", 404, ctHTML, nil},
		{"encoded slash slug", "GET", "/cases/..%2f..%2fetc%2fpasswd", 404, ctHTML, nil},
		{"dot dot path", "GET", "/cases/../etc/passwd", 404, ctHTML, nil},
		{"case file name", "GET", "/cases/community-hubs.md", 404, ctHTML, nil},
		{"upper-case slug", "GET", "/cases/Community-Hubs", 404, ctHTML, nil},
		{"static unknown", "GET", "/static/style.css", 404, ctHTML, nil},
		{"static traversal", "GET", "/static/..%2fstyle.css", 404, ctHTML, nil},
		{"static templates", "GET", "/static/layout.html", 404, ctHTML, nil},
		{"api unknown", "GET", "/api/v2/search", 404, ctJSON, []string{`"code":"not_found"`}},
		{"api root", "GET", "/api", 404, ctJSON, []string{`"code":"not_found"`}},
		{"api unknown case", "GET", "/api/v1/cases/nope", 404, ctJSON, []string{`"code":"not_found"`}},
		{"api unknown factor", "GET", "/api/v1/factors/nope", 404, ctJSON, []string{`"code":"not_found"`}},
		{"api dot dot", "GET", "/api/v1/cases/%2e%2e", 404, ctJSON, []string{`"code":"not_found"`}},
		{"api bad param", "GET", "/api/v1/search?per_page=abc", 400, ctJSON, []string{`"code":"bad_request"`, "per_page"}},
		{"cases bad param", "GET", "/cases?year_from=soon", 400, ctHTML, []string{"There is a problem with your search", "year_from must be a year"}},

		{"post page", "POST", "/cases", 405, ctHTML, []string{"cannot be used that way"}},
		{"post api", "POST", "/api/v1/search", 405, ctJSON, []string{`"code":"method_not_allowed"`}},
		{"delete api case", "DELETE", "/api/v1/cases/community-hubs", 405, ctJSON, []string{`"code":"method_not_allowed"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, srv, tt.method, tt.path)
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d; body:\n%s", w.Code, tt.status, truncate(w.Body.String(), 2000))
			}
			if ct := w.Header().Get("Content-Type"); ct != tt.ctype {
				t.Errorf("Content-Type = %q, want %q", ct, tt.ctype)
			}
			body := w.Body.String()
			for _, f := range tt.want {
				if !strings.Contains(body, f) {
					t.Errorf("body lacks %q:\n%s", f, truncate(body, 3000))
				}
			}
			if tt.status == 405 && w.Header().Get("Allow") == "" {
				t.Errorf("405 without an Allow header")
			}
			if tt.ctype == ctHTML && tt.method == "GET" {
				checkPage(t, body)
			}
			if tt.ctype == ctJSON && tt.method == "GET" && !json.Valid(w.Body.Bytes()) {
				t.Errorf("invalid JSON: %s", body)
			}
		})
	}
}

// checkPage checks what every HTML page must have for accessibility and
// under the Content-Security-Policy.
func checkPage(t *testing.T, body string) {
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
	walk(doc, func(n *html.Node) {
		if id := attr(n, "id"); id != "" {
			ids[id]++
		}
		switch n.Data {
		case "html":
			if attr(n, "lang") != "en-CA" {
				t.Errorf("<html lang=%q>, want en-CA", attr(n, "lang"))
			}
		case "h1":
			h1s++
		case "main":
			mains++
			if attr(n, "id") != "main-content" {
				t.Errorf("<main> id = %q", attr(n, "id"))
			}
		case "a":
			if attr(n, "class") == "skip-link" && attr(n, "href") == "#main-content" {
				skips++
			}
		case "label":
			labels[attr(n, "for")] = true
		case "input", "select", "textarea":
			if typ := attr(n, "type"); typ != "hidden" && typ != "submit" {
				controls = append(controls, n)
			}
		case "script", "style":
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
		if id := attr(c, "id"); id == "" || !labels[id] {
			t.Errorf("<%s name=%q> has no label", c.Data, attr(c, "name"))
		}
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q is used %d times", id, n)
		}
	}
}

func walk(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestSecurityHeaders(t *testing.T) {
	srv, _ := newTestServer(t, serverConfig{})
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
		"X-Frame-Options":         "DENY",
	}
	for _, path := range []string{"/", "/cases?q=x", "/cases/community-hubs", "/nope", "/api/v1/search", "/api/nope",
		"/api/v1/search?page=x", srv.assets.CSS, "/feed.xml", "/healthz", "/cases/"} {
		for _, method := range []string{"GET", "POST"} {
			w := do(t, srv, method, path)
			for k, v := range want {
				if got := w.Header().Get(k); got != v {
					t.Errorf("%s %s: %s = %q, want %q", method, path, k, got, v)
				}
			}
		}
	}
}

func TestTrailingSlash(t *testing.T) {
	srv, _ := newTestServer(t, serverConfig{})
	tests := []struct {
		name, path string
		status     int
		location   string
	}{
		{"page", "/cases/", 301, "/cases"},
		{"with query", "/factors/?x=1", 301, "/factors?x=1"},
		{"api", "/api/v1/factors/", 301, "/api/v1/factors"},
		{"other host", "//evil.example/", 404, ""},
		{"backslash", "/\\evil.example/", 404, ""},
		{"dots", "/cases/../", 404, ""},
		{"no such route", "/nope/", 404, ""},
		{"case", "/cases/community-hubs/", 301, "/cases/community-hubs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "http://casebook.test/", nil)
			req.URL.Path = strings.SplitN(tt.path, "?", 2)[0]
			if i := strings.IndexByte(tt.path, '?'); i >= 0 {
				req.URL.RawQuery = tt.path[i+1:]
			}
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, req)
			if w.Code != tt.status || w.Header().Get("Location") != tt.location {
				t.Errorf("%s: %d %q, want %d %q", tt.path, w.Code, w.Header().Get("Location"), tt.status, tt.location)
			}
		})
	}
}

// TestNotReady checks the answers while the first catalogue is loading.
func TestNotReady(t *testing.T) {
	gin.SetMode(gin.TestMode)
	srv, err := newServer(serverConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ path, ctype string }{
		{"/healthz", "text/plain; charset=utf-8"},
		{"/", ctHTML},
		{"/cases?q=x", ctHTML},
		{"/api/v1/search", ctJSON},
	} {
		w := get(t, srv, tt.path)
		if w.Code != 503 || w.Header().Get("Content-Type") != tt.ctype || w.Header().Get("Retry-After") == "" {
			t.Errorf("%s before ready: %d %q Retry-After=%q", tt.path, w.Code, w.Header().Get("Content-Type"), w.Header().Get("Retry-After"))
		}
	}
	cat, ix := testIndex(t)
	if old := srv.setState(newState(cat, ix)); old != nil {
		t.Errorf("setState returned %v before any state", old)
	}
	if w := get(t, srv, "/healthz"); w.Code != 200 || w.Body.String() != "ok" {
		t.Errorf("/healthz when ready: %d %q", w.Code, w.Body.String())
	}
	if srv.current() == nil {
		t.Errorf("current() is nil after setState")
	}
}

// failingIndex is a search index that fails or panics, to test how the
// server answers its own errors.
type failingIndex struct {
	err   error
	panic bool
}

func (f failingIndex) Search(context.Context, search.Query) (*search.Response, error) {
	if f.panic {
		panic("index exploded at /secret/path")
	}
	return nil, f.err
}

func (f failingIndex) Matches(context.Context, search.Query) ([]*catalog.Case, error) {
	return nil, f.err
}
func (f failingIndex) Related(string, int) []*catalog.Case { return nil }
func (f failingIndex) Close() error                        { return nil }

// TestInternalErrorsStayInTheLog checks that a server-side failure gives a
// plain 500 with no detail, and that the detail is logged.
func TestInternalErrorsStayInTheLog(t *testing.T) {
	const secret = "disk failure at /secret/path"
	tests := []struct {
		name  string
		ix    failingIndex
		path  string
		ctype string
	}{
		{"html error", failingIndex{err: errors.New(secret)}, "/cases?q=x", ctHTML},
		{"json error", failingIndex{err: errors.New(secret)}, "/api/v1/search?q=x", ctJSON},
		{"csv error", failingIndex{err: errors.New(secret)}, "/api/v1/search?format=csv", ctJSON},
		{"html panic", failingIndex{panic: true}, "/cases", ctHTML},
		{"json panic", failingIndex{panic: true}, "/api/v1/search", ctJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, logBuf := newTestServer(t, serverConfig{})
			cat, _ := testIndex(t)
			srv.setState(newState(cat, tt.ix))
			w := get(t, srv, tt.path)
			if w.Code != 500 || w.Header().Get("Content-Type") != tt.ctype {
				t.Fatalf("status %d %q, want 500 %q", w.Code, w.Header().Get("Content-Type"), tt.ctype)
			}
			if strings.Contains(w.Body.String(), "secret") {
				t.Errorf("response shows internal detail:\n%s", w.Body.String())
			}
			if tt.ctype == ctJSON && !strings.Contains(w.Body.String(), `"code":"internal"`) {
				t.Errorf("JSON error body = %s", w.Body.String())
			}
			if !strings.Contains(logBuf.String(), "/secret/path") {
				t.Errorf("log lacks the cause:\n%s", logBuf.String())
			}
		})
	}
}

// TestNoServerErrors sends odd and hostile input to every route and checks
// that none answers 5xx.
func TestNoServerErrors(t *testing.T) {
	srv, logBuf := newTestServer(t, serverConfig{})
	queries := []string{
		"", "q=", "q=%ff%fe", "q=%00", "q=" + strings.Repeat("a", 600), "q=" + strings.Repeat("word+", 40),
		"q=%22unclosed", "q=-", "q=--x", "q=*", "q=%2F.*%2F", "q=title:x", "q=a~2", "q=%E2%80%AE", "q=日本語",
		"factor=nope", "factor=", "factor=%ff", "tag=<script>", "sector=" + strings.Repeat("s", 3000),
		"level=city", "status=Ongoing", "country=canada", "year_from=abc", "year_from=-1", "year_from=99999999999999999999",
		"year_from=2020&year_to=2010", "year_to=0", "sort=random", "sort=TITLE", "page=0", "page=-1", "page=99999999",
		"page=1.5", "per_page=0", "per_page=101", "per_page=1e3", "format=xml", "format=CSV", "q=a;b", "%zz", "q=%",
		"page=2&page=3", "q=a&q=b", strings.Repeat("factor=collaboration&", 60), "x=%ff", "%ff=x",
	}
	paths := []string{"/cases", "/api/v1/search", "/", "/cases/community-hubs", "/factors/collaboration", "/feed.xml"}
	for _, p := range paths {
		for _, q := range queries {
			target := withQuery(p, q)
			req, err := http.NewRequest("GET", "http://casebook.test"+target, nil)
			if err != nil {
				t.Fatal(err)
			}
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, req)
			if w.Code >= 500 {
				t.Errorf("GET %s: %d\n%s", target, w.Code, truncate(w.Body.String(), 500))
			}
			if strings.HasPrefix(p, "/api/") && w.Code >= 400 && !strings.Contains(w.Body.String(), `"code":"bad_request"`) {
				t.Errorf("GET %s: %d without a bad_request code: %s", target, w.Code, w.Body.String())
			}
		}
	}
	for _, p := range []string{"/cases/%ff", "/factors/%00", "/cases/" + strings.Repeat("a", 5000), "/api/v1/cases/%E2%80%AE",
		"/static/%2e%2e%2f%2e%2e%2fgo.mod", "/%2e%2e/%2e%2e/etc/passwd", "/cases/a%2fb", "/api/v1/search/", "/a/b/c/d"} {
		if w := get(t, srv, p); w.Code >= 500 {
			t.Errorf("GET %s: %d", p, w.Code)
		}
	}
	if strings.Contains(logBuf.String(), "level=ERROR") {
		t.Errorf("errors logged:\n%s", logBuf.String())
	}
}

// TestXSS checks that the hostile case is escaped or dropped on every page
// and in every API field that carries HTML.
func TestXSS(t *testing.T) {
	srv, _ := newTestServer(t, serverConfig{EditURL: "https://example.org/edit/{path}"})
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

func TestSafeHighlight(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"marks kept", "a <mark>hub</mark> &amp; b", "a <mark>hub</mark> &amp; b"},
		{"escaped kept", "&lt;script&gt; <mark>x</mark>", "&lt;script&gt; <mark>x</mark>"},
		{"raw tag", "<script>alert(1)</script><mark>x</mark>", "&lt;script&gt;alert(1)&lt;/script&gt;x"},
		{"attribute", `<mark onclick="x">y</mark>`, "&lt;mark onclick=&#34;x&#34;&gt;y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(safeHighlight(tt.in)); got != tt.want {
				t.Errorf("safeHighlight(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestEmbeddedCatalogue is a smoke test: the real catalogue serves its home page.
func TestEmbeddedCatalogue(t *testing.T) {
	gin.SetMode(gin.TestMode)
	srv, err := newServer(serverConfig{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := loadState(content.FS, catalog.Load, "", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer st.ix.Close()
	srv.setState(st)
	w := get(t, srv, "/")
	if w.Code != 200 || !strings.Contains(w.Body.String(), "Browse by success factor") {
		t.Fatalf("home: %d\n%s", w.Code, truncate(w.Body.String(), 1000))
	}
	checkPage(t, w.Body.String())
}

// TestServeCommand runs casebook serve on a free port and stops it.
func TestServeCommand(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"cases/one.md":             caseText(validFront),
		"factors/collaboration.md": "---\ntitle: A culture of collaboration\nsummary: Working together.\n---\n",
		"cases/bad.md":             caseText(strings.Replace(validFront, "level: local", "level: city", 1)),
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan string, 1)
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- serve(ctx, &cliEnv{stdout: io.Discard, stderr: &syncWriter{w: &stderr}},
			serveOptions{content: dir, addr: "127.0.0.1:0", listening: func(a string) { addrc <- a }})
	}()
	var addr string
	select {
	case addr = <-addrc:
	case code := <-done:
		t.Fatalf("serve exited with %d", code)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start listening")
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == 200 {
			break
		}
		if resp.StatusCode != 503 || time.Now().After(deadline) {
			t.Fatalf("/healthz: %d", resp.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
	resp, err := http.Get("http://" + addr + "/cases/one")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "Good case") {
		t.Errorf("/cases/one: %d", resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit code %d, want 0", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
	log := stderr.String()
	for _, want := range []string{"msg=listening", "msg=\"content problem\"", "cases/bad.md", "msg=ready", "msg=request", "msg=\"shutting down\""} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

func TestServeUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"watch without content", []string{"serve", "--watch"}, exitUsage, "--watch needs --content"},
		{"bad addr", []string{"serve", "--addr", "nonsense"}, exitUsage, "not HOST:PORT"},
		{"edit url without path", []string{"serve", "--edit-url", "https://example.org/edit"}, exitUsage, "{path}"},
		{"edit url scheme", []string{"serve", "--edit-url", "javascript:alert('{path}')"}, exitUsage, "http or https"},
		{"base url", []string{"serve", "--base-url", "example.org"}, exitUsage, "--base-url"},
		{"extra argument", []string{"serve", "extra"}, exitUsage, "unexpected argument"},
		{"no content folder", []string{"serve", "--content", "/no/such/folder", "--addr", "127.0.0.1:0"}, exitInvalid, "not found"},
		{"default command flags", []string{"--watch"}, exitUsage, "--watch needs --content"},
		{"help", []string{"serve", "--help"}, exitOK, "--edit-url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
		})
	}
}

// golden compares got (JSON) with testdata/golden/name.json, indented,
// or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, bytes.TrimSpace(got), "", "  "); err != nil {
		t.Fatalf("%s: invalid JSON: %v\n%s", name, err, got)
	}
	buf.WriteByte('\n')
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("%s differs from %s (run with -update if the change is intended):\n--- got\n%s", name, path, buf.String())
	}
}

// checkPageHas checks a page's structure (checkPage) and that it has every
// fragment of want and none of notWant, showing the page if not.
func checkPageHas(t *testing.T, body string, want, notWant []string) {
	t.Helper()
	checkPage(t, body)
	for _, f := range want {
		if !strings.Contains(body, f) {
			t.Errorf("page lacks %s", f)
		}
	}
	for _, f := range notWant {
		if strings.Contains(body, f) {
			t.Errorf("page has %s", f)
		}
	}
	if t.Failed() {
		t.Logf("page:\n%s", body)
	}
}
