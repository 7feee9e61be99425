package web

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
	"github.com/casebook/casebook/internal/webtest"
	"github.com/casebook/casebook/search"
	"github.com/gin-gonic/gin"
)

// testVersion is the content version test servers publish.
const testVersion = "abc1234"

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
func newTestServer(t *testing.T, cfg Config) (*Server, *webtest.LogBuffer) {
	t.Helper()
	gin.SetMode(gin.TestMode)
	if cfg.Guide == nil {
		cfg.Guide = content.Guide
	}
	logBuf := &webtest.LogBuffer{}
	cfg.Log = slog.New(slog.NewTextHandler(logBuf, nil))
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	cat, ix := testIndex(t)
	st := newState(cat, ix, cat.Problems)
	st.version = cmp.Or(cfg.ContentVersion, testVersion)
	srv.setState(st)
	return srv, logBuf
}

// do sends one request to h and returns the recorded response. Every
// response to an /api/v1 route is checked against the OpenAPI document.
func do(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, "http://casebook.test"+target, nil)
	if strings.HasPrefix(target, "http") {
		req = httptest.NewRequest(method, target, nil)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	checkAPIResponse(t, req, w)
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

func (f failingIndex) MatchSet(context.Context, search.Query) ([]*catalog.Case, error) {
	return nil, f.err
}

func (f failingIndex) Related(string, int) []*catalog.Case { return nil }

func (f failingIndex) Close() error { return nil }

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
	webtest.CheckPage(t, body)
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

// hardenedServer is a test server whose recovery middleware must never
// fire and whose log must hold no error by the end of the test.
func hardenedServer(t *testing.T) *Server {
	t.Helper()
	srv, logBuf := newTestServer(t, Config{})
	t.Cleanup(func() { assertNoRecoveries(t, srv, logBuf) })
	return srv
}

func assertNoRecoveries(t *testing.T, srv *Server, logBuf *webtest.LogBuffer) {
	t.Helper()
	if n := srv.recoveries.Load(); n != 0 {
		t.Errorf("the recovery middleware caught %d panics", n)
	}
	if strings.Contains(logBuf.String(), "level=ERROR") {
		t.Errorf("errors logged:\n%s", truncate(logBuf.String(), 5000))
	}
}

func newRequest(method, target string) *http.Request {
	return httptest.NewRequest(method, "http://casebook.test"+target, nil)
}

func serve1(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func mustLicence(t *testing.T, s string) catalog.Licence {
	t.Helper()
	l, err := catalog.ParseLicence(s)
	if err != nil {
		t.Fatal(err)
	}
	return l
}
