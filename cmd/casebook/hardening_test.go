package main

// Hardening tests: every class of bad request gets a precise 4xx, hostile
// query text is only text and costs no more than plain words, odd paths
// are 404, the HTTP server's limits hold, a SIGTERM lets in-flight
// requests finish, and hostile content is escaped or dropped everywhere.
// None of the inputs may reach the recovery middleware.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/net/html"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/search"
	"github.com/casebook/casebook/templates"
)

// hardenedServer is a test server whose recovery middleware must never
// fire and whose log must hold no error by the end of the test.
func hardenedServer(t *testing.T) *server {
	t.Helper()
	srv, logBuf := newTestServer(t, serverConfig{})
	t.Cleanup(func() { assertNoRecoveries(t, srv, logBuf) })
	return srv
}

func assertNoRecoveries(t *testing.T, srv *server, logBuf *bytes.Buffer) {
	t.Helper()
	if n := srv.recoveries.Load(); n != 0 {
		t.Errorf("the recovery middleware caught %d panics", n)
	}
	if strings.Contains(logBuf.String(), "level=ERROR") {
		t.Errorf("errors logged:\n%s", truncate(logBuf.String(), 5000))
	}
}

// badRequest is one row of the tables below: a query string for
// /api/v1/search and /cases, the status both must answer, and for errors
// the JSON code and part of the message.
type badRequest struct {
	name   string
	query  string
	status int
	code   string // JSON error code; "" for 200
	msg    string // part of the error message
	total  int    // for 200: the number of results (-1: any)
}

func repeatParam(kv string, n int) string {
	return strings.TrimSuffix(strings.Repeat(kv+"&", n), "&")
}

// badRequestClasses groups the tables by class of bad request.
var badRequestClasses = map[string][]badRequest{
	"page and per_page": {
		{"page zero", "page=0", 400, "bad_request", "page must be a page number from 1 to 10000", 0},
		{"page negative", "page=-1", 400, "bad_request", "page must be", 0},
		{"page beyond limit", "page=10001", 400, "bad_request", "page must be", 0},
		{"page huge", "page=99999999999999999999", 400, "bad_request", `page must be a page number from 1 to 10000 (got "99999999999999999999")`, 0},
		{"page overflows int64", "page=" + strings.Repeat("9", 400), 400, "bad_request", "…", 0},
		{"page fraction", "page=1.5", 400, "bad_request", "page must be", 0},
		{"page hex", "page=0x10", 400, "bad_request", "page must be", 0},
		{"page word", "page=two", 400, "bad_request", `(got "two")`, 0},
		{"page too deep", "page=200&per_page=100", 400, "bad_request", "too deep", 0},
		{"page beyond results", "page=500", 200, "", "", 4},
		{"per_page zero", "per_page=0", 400, "bad_request", "per_page must be between 1 and 100", 0},
		{"per_page negative", "per_page=-5", 400, "bad_request", "per_page must be between 1 and 100", 0},
		{"per_page over 100", "per_page=101", 400, "bad_request", "per_page must be between 1 and 100", 0},
		{"per_page huge", "per_page=99999999999999999999", 400, "bad_request", "per_page must be between 1 and 100", 0},
		{"per_page exponent", "per_page=1e2", 400, "bad_request", "per_page must be", 0},
		{"per_page all", "per_page=all", 400, "bad_request", "per_page must be", 0},
		{"per_page blank is default", "per_page=", 200, "", "", 4},
		{"per_page max", "per_page=100", 200, "", "", 4},
	},
	"years": {
		{"year word", "year_from=soon", 400, "bad_request", `year_from must be a year such as 2015 (got "soon")`, 0},
		{"year fraction", "year_to=2015.5", 400, "bad_request", "year_to must be a year", 0},
		{"year huge", "year_from=99999999999999999999", 400, "bad_request", "year_from must be a year", 0},
		{"year negative", "year_from=-2000", 400, "bad_request", "year_from must be a year", 0},
		{"year zero", "year_to=0", 400, "bad_request", "year_to must be a year", 0},
		{"year other digits", "year_from=%D9%A2%D9%A0%D9%A1%D9%A5", 400, "bad_request", "year_from must be a year", 0},
		{"year twice", "year_from=2010&year_from=2011", 400, "bad_request", "year_from may be given only once", 0},
		{"reversed range is empty", "year_from=2020&year_to=2010", 200, "", "", 0},
		{"reversed range with text", "q=hubs&year_from=2020&year_to=2010", 200, "", "", 0},
		{"range", "year_from=2010&year_to=2016", 200, "", "", 2},
	},
	"sort and format": {
		{"sort unknown", "sort=random", 400, "bad_request", "sort must be one of relevance, newest, oldest, title", 0},
		{"sort injection", "sort=title%20desc", 400, "bad_request", "sort must be one of", 0},
		{"sort field", "sort=-year", 400, "bad_request", "sort must be one of", 0},
		{"sort twice", "sort=title&sort=newest", 400, "bad_request", "sort may be given only once", 0},
		{"sort upper case", "sort=TITLE", 200, "", "", 4},
		{"format unknown", "format=xml", 400, "bad_request", "format must be json or csv", 0},
		{"format html", "format=html", 400, "bad_request", "format must be json or csv", 0},
	},
	"query text limits": {
		{"q at 500 characters", "q=" + strings.Repeat("é", 500), 200, "", "", 0},
		{"q over 500 characters", "q=" + strings.Repeat("é", 501), 400, "bad_request", "q is 501 characters; the limit is 500", 0},
		{"q over 500 in spaces", "q=" + strings.Repeat("+", 600), 400, "bad_request", "the limit is 500", 0},
		{"q over the byte limit", "q=" + strings.Repeat("x", 2001), 400, "bad_request", "q is too long", 0},
		{"q with 32 terms", "q=" + repeatWords(32), 200, "", "", 0},
		{"q with 33 terms", "q=" + repeatWords(33), 400, "bad_request", "q has 33 terms; the limit is 32", 0},
		{"q with 100 operators as terms", "q=" + strings.Repeat("a*+", 100), 400, "bad_request", "q has 100 terms; the limit is 32", 0},
		{"q twice", "q=a&q=b", 400, "bad_request", "q may be given only once", 0},
		{"q twice the same", "q=hubs&q=hubs", 200, "", "", -1},
	},
	"invalid UTF-8": {
		{"q byte ff", "q=%ff", 400, "bad_request", "q is not valid UTF-8 text", 0},
		{"q truncated sequence", "q=hub%c3", 400, "bad_request", "q is not valid UTF-8 text", 0},
		{"q surrogate", "q=%ed%a0%80", 400, "bad_request", "q is not valid UTF-8 text", 0},
		{"q overlong slash", "q=%c0%af", 400, "bad_request", "q is not valid UTF-8 text", 0},
		{"tag", "tag=%fe%ff", 400, "bad_request", "tag is not valid UTF-8 text", 0},
		{"factor", "factor=%80", 400, "bad_request", "factor is not valid UTF-8 text", 0},
		{"sort", "sort=%ff", 400, "bad_request", "sort is not valid UTF-8 text", 0},
		{"parameter name", "%ff=1", 400, "bad_request", "a parameter name is not valid UTF-8 text", 0},
		{"malformed escape", "q=%zz", 400, "bad_request", "malformed", 0},
		{"lone percent", "q=%", 400, "bad_request", "malformed", 0},
		{"semicolon", "q=a;b", 400, "bad_request", "malformed", 0},
	},
	"repeated parameters": {
		{"factor 1000 times", repeatParam("factor=collaboration", 1000), 400, "bad_request", "factor is given 1000 times; the limit is 50", 0},
		{"factor 51 distinct", repeatDistinct("factor", 51), 400, "bad_request", "factor is given 51 times; the limit is 50", 0},
		{"factor 50 times", repeatParam("factor=collaboration", 50), 200, "", "", 3},
		{"tag 1000 times", repeatParam("tag=x", 1000), 400, "bad_request", "tag is given 1000 times", 0},
		{"q 1000 times", repeatParam("q=hubs", 1000), 400, "bad_request", "q is given 1000 times", 0},
		{"page 1000 times", repeatParam("page=1", 1000), 400, "bad_request", "page is given 1000 times", 0},
		{"unknown 1000 times", repeatParam("utm=1", 1000), 400, "bad_request", "utm is given 1000 times", 0},
		{"many parameters", manyParams(9, 45), 400, "bad_request", "the address has 405 parameters; the limit is 400", 0},
		{"long parameter name", strings.Repeat("n", 101) + "=1", 400, "bad_request", "a parameter name is too long", 0},
		{"empty names", repeatParam("=", 30), 200, "", "", 4},
		{"unknown parameter", "utm_source=mail&x", 200, "", "", 4},
	},
	"unknown filter values": {
		{"factor", "factor=no-such-factor", 200, "", "", 0},
		{"factor path", "factor=..%2F..%2Fetc", 200, "", "", 0},
		{"tag", "tag=no+such+tag", 200, "", "", 0},
		{"sector", "sector=%3Cscript%3E", 200, "", "", 0},
		{"level", "level=city", 200, "", "", 0},
		{"country", "country=Atlantis", 200, "", "", 0},
		{"status", "status=imagined", 200, "", "", 0},
		{"known and unknown factor", "factor=collaboration&factor=nope", 200, "", "", 0},
		{"unknown level widens nothing", "level=city&level=local", 200, "", "", 2},
		{"blank values ignored", "factor=&tag=+&level=", 200, "", "", 4},
	},
}

// repeatWords is n distinct words, none of them stop words.
func repeatWords(n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = fmt.Sprintf("w%d", i)
	}
	return strings.Join(words, "+")
}

func repeatDistinct(name string, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("%s=v%d", name, i)
	}
	return strings.Join(parts, "&")
}

// manyParams is keys distinct unknown parameters given each times.
func manyParams(keys, each int) string {
	var parts []string
	for k := range keys {
		for range each {
			parts = append(parts, fmt.Sprintf("p%d=1", k))
		}
	}
	return strings.Join(parts, "&")
}

// TestBadRequests sends every class of bad request to the API and the
// /cases page: the API answers the status with a JSON error code and a
// precise message; the page answers the same status as an HTML page.
func TestBadRequests(t *testing.T) {
	srv := hardenedServer(t)
	for class, rows := range badRequestClasses {
		for _, tt := range rows {
			t.Run(class+"/"+tt.name, func(t *testing.T) {
				w := get(t, srv, withQuery("/api/v1/search", tt.query))
				if w.Code != tt.status {
					t.Fatalf("API: status %d, want %d: %s", w.Code, tt.status, truncate(w.Body.String(), 500))
				}
				if ct := w.Header().Get("Content-Type"); ct != ctJSON {
					t.Errorf("API: Content-Type %q", ct)
				}
				if tt.status == 200 {
					var resp search.Response
					if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
						t.Fatalf("API: %v: %s", err, truncate(w.Body.String(), 300))
					}
					if tt.total >= 0 && resp.Total != tt.total {
						t.Errorf("API: total %d, want %d", resp.Total, tt.total)
					}
				} else {
					var e errorJSON
					if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
						t.Fatalf("API: error body is not JSON: %v: %s", err, w.Body.String())
					}
					if e.Error.Code != tt.code || !strings.Contains(e.Error.Message, tt.msg) {
						t.Errorf("API: error %q %q, want %q with %q", e.Error.Code, e.Error.Message, tt.code, tt.msg)
					}
				}

				p := get(t, srv, withQuery("/cases", tt.query))
				if p.Code != tt.status {
					t.Fatalf("page: status %d, want %d", p.Code, tt.status)
				}
				if ct := p.Header().Get("Content-Type"); ct != ctHTML {
					t.Errorf("page: Content-Type %q", ct)
				}
				body := p.Body.String()
				if tt.status >= 400 {
					msg := html.EscapeString(tt.msg)
					if !strings.Contains(body, "There is a problem with your search") || !strings.Contains(body, msg) {
						t.Errorf("page lacks the heading or %q:\n%s", msg, truncate(body, 3000))
					}
				}
				checkPage(t, body)
			})
		}
	}
}

// hostileTexts are query texts written in other search engines' query
// languages, or to break a parser. Each is searched as text: it must give
// the same results as plain, the same words without the syntax.
var hostileTexts = []struct{ text, plain string }{
	{`title:hubs`, `title hubs`},
	{`summary:budget AND body:"hubs"`, `summary budget AND body hubs`},
	{`_all:hubs`, `all hubs`},
	{`hubs*`, `hubs`},
	{`*ubs`, `ubs`},
	{`*`, ``},
	{`hub?`, `hub`},
	{`budgeting~2`, `budgeting 2`},
	{`hubs~`, `hubs`},
	{`hubs^10`, `hubs 10`},
	{`+hubs +community`, `hubs community`},
	{`(hubs OR budgeting)`, `hubs OR budgeting`},
	{`hubs || budgeting && !community`, `hubs budgeting community`},
	{`[2010 TO 2020]`, `2010 TO 2020`},
	{`{a TO z}`, `a TO z`},
	{`year:>2000`, `year 2000`},
	{`/.*/`, ``},
	{`/hub.*/`, `hub`},
	{`hubs\:community`, `hubs community`},
	{`path/to\file`, `path to file`},
	{`"community hubs"`, `"community hubs"`},
	{`"unclosed phrase`, `"unclosed phrase"`},
	{`"""""`, ``},
	{`-"-"-"-`, ``},
	{`<script>alert(1)</script>`, `script alert 1 script`},
	{`'; DROP TABLE cases; --`, `DROP TABLE cases`},
	{`${jndi:ldap://x}`, `jndi ldap x`},
	{`{{.}}`, ``},
	{"\x00\x01\x1f\x7f", ``},
	{"\u202ehubs\u200b", `hubs`},
	{strings.Repeat("(", 500), ``},
	{strings.Repeat(`\`, 500), ``},
	{strings.Repeat(`"`, 500), ``},
	{strings.Repeat("-", 500), ``},
	{strings.Repeat("*?~^:/", 83), ``},
	{strings.Repeat("hubs^", 30), strings.Repeat("hubs ", 30)},
	{strings.Repeat(`title:`, 30) + "hubs", strings.Repeat("title ", 30) + "hubs"},
}

// TestHostileQueryText checks that query syntax of every kind is text: no
// 5xx, the same results as the plain words, and over the limits a 400.
func TestHostileQueryText(t *testing.T) {
	srv := hardenedServer(t)
	find := func(t *testing.T, text string) (int, *search.Response) {
		t.Helper()
		w := get(t, srv, "/api/v1/search?per_page=100&q="+url.QueryEscape(text))
		if w.Code != 200 {
			return w.Code, nil
		}
		var resp search.Response
		if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
			t.Fatalf("%v: %s", err, truncate(w.Body.String(), 300))
		}
		return w.Code, &resp
	}
	slugs := func(r *search.Response) []string {
		var out []string
		for _, res := range r.Results {
			out = append(out, res.Slug)
		}
		return out
	}
	for _, tt := range hostileTexts {
		t.Run(truncate(tt.text, 30), func(t *testing.T) {
			code, got := find(t, tt.text)
			if code != 200 {
				t.Fatalf("status %d", code)
			}
			_, want := find(t, tt.plain)
			if got.Total != want.Total || !slices.Equal(slugs(got), slugs(want)) {
				t.Errorf("%q finds %d %v; as plain words %q finds %d %v", tt.text, got.Total, slugs(got), tt.plain, want.Total, slugs(want))
			}
			if w := get(t, srv, "/cases?q="+url.QueryEscape(tt.text)); w.Code != 200 {
				t.Errorf("page: status %d", w.Code)
			}
		})
	}
	// Operators beyond the limits are refused cheaply, never run.
	// A phrase or a compound counts each of its words toward the limit.
	for _, text := range []string{strings.Repeat("a* ", 1000), strings.Repeat("(", 5000), strings.Repeat(`title:x `, 40), strings.Repeat("-x ", 33),
		strings.Repeat("a.", 249), `"` + strings.Repeat("service ", 61) + `"`, strings.Repeat("service-", 61) + "data", strings.Repeat("service-public ", 32)} {
		w := get(t, srv, "/api/v1/search?q="+url.QueryEscape(text))
		if w.Code != 400 || !strings.Contains(w.Body.String(), `"code":"bad_request"`) {
			t.Errorf("%s: %d %s", truncate(text, 30), w.Code, truncate(w.Body.String(), 200))
		}
	}
}

// normalCostQueries are plain queries up to the limit of 32 words: one
// common word, four common words eight times over, 32 common words, 32
// misspelt words (typo tolerance).
var normalCostQueries = []string{
	"service",
	strings.TrimSpace(strings.Repeat("service public data residents ", 8)),
	"service faced challenge results they lessons before what with times data used staff waiting public that residents team shared between partners agencies from evaluation reduce every such review week than within said",
	"servicz publik datta residentz servcie pubilc dtaa resdients teamm sharred betwen partnrs agenceis evaluaton reduec evrey revew weeek thna withn sayd faecd chalenge reslts lesons befroe whta wiht timse usde stafff thye",
}

// hostileCost is a query text written to make the search work hard; known
// names a query that the search package is known to let cost too much.
var hostileCostQueries = []struct {
	name, text string
	known      string
}{
	{"operators", strings.Repeat(`*a?~^/:\ `, 3) + strings.Repeat("()[]{}", 70), ""},
	{"field prefixes", strings.Repeat("title:service ", 16), ""},
	{"wildcards", strings.Repeat("s*e ", 16), ""},
	{"regexps", strings.Repeat("/.*/ ", 32), ""},
	{"fuzzy", strings.Repeat("service~2 ", 16), ""},
	{"boosts", strings.Repeat("service^99 ", 16), ""},
	{"exclusions", strings.Repeat("-service ", 32), ""},
	{"quotes", strings.Repeat(`"service" `, 32), ""},
	{"dots", strings.Repeat("a.", 15) + "a", ""},
	{"long phrase", `"` + strings.Repeat("service ", 31) + `"`, ""},
	{"long hyphenated word", strings.Repeat("service-", 31) + "data", ""},
	{"hyphenated pairs", strings.Repeat("service-public ", 16), ""},
	{"one 500-letter word", strings.Repeat("abcdefghij", 50), ""},
	{"32 long words", strings.TrimSpace(strings.Repeat("abcdefghijklmn ", 32)), ""},
}

type costData struct {
	cat *catalog.Catalog
	ix  *search.Index
}

var (
	costMu    sync.Mutex
	costCache = map[int]costData{}
)

// costIndex is a generated catalogue of n cases, big enough for the cost
// of a query to show in its allocations. It is built once per size.
func costIndex(tb testing.TB, n int) (*catalog.Catalog, *search.Index) {
	tb.Helper()
	costMu.Lock()
	defer costMu.Unlock()
	if d, ok := costCache[n]; ok {
		return d.cat, d.ix
	}
	cat, err := catalog.Load(corpus.Generate(n, 1).FS())
	if err != nil {
		tb.Fatal(err)
	}
	ix, err := search.New(cat)
	if err != nil {
		tb.Fatal(err)
	}
	costCache[n] = costData{cat, ix}
	return cat, ix
}

// maxCostRatio bounds the work of a hostile query: at most this many times
// the allocations, in number and in bytes, of the costliest plain query.
const maxCostRatio = 2.5

// requestCost is what one request allocates: a measure of the work a
// search does (postings read, clauses and automata built) that does not
// depend on the speed or load of the machine.
type requestCost struct{ allocs, bytes float64 }

func measureCost(t *testing.T, srv http.Handler, text string) requestCost {
	t.Helper()
	target := "/api/v1/search?q=" + url.QueryEscape(text)
	if w := get(t, srv, target); w.Code != 200 {
		t.Fatalf("%s: status %d: %s", truncate(text, 40), w.Code, truncate(w.Body.String(), 300))
	}
	const runs = 3
	f := func() { get(t, srv, target) }
	c := requestCost{allocs: testing.AllocsPerRun(runs, f)}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	before := ms.TotalAlloc
	for range runs {
		f()
	}
	runtime.ReadMemStats(&ms)
	c.bytes = float64(ms.TotalAlloc-before) / runs
	return c
}

// TestHostileQueryCost checks, without timing anything, that query syntax
// costs no more than plain words: what a search allocates grows with the
// postings it reads and the clauses and automata it builds, so a hostile
// query may allocate at most maxCostRatio times (in number and in bytes)
// what the costliest plain query of up to 32 words does.
// BenchmarkQueryCost shows the same in time.
func TestHostileQueryCost(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an index of 300 generated cases")
	}
	gin.SetMode(gin.TestMode)
	srv, err := newServer(serverConfig{})
	if err != nil {
		t.Fatal(err)
	}
	cat, ix := costIndex(t, 300)
	srv.setState(newState(cat, ix))
	var ceiling requestCost
	for _, q := range normalCostQueries {
		c := measureCost(t, srv, q)
		ceiling.allocs, ceiling.bytes = max(ceiling.allocs, c.allocs), max(ceiling.bytes, c.bytes)
	}
	t.Logf("costliest plain query: %.0f allocations, %.1f MB", ceiling.allocs, ceiling.bytes/1e6)
	for _, tt := range hostileCostQueries {
		t.Run(tt.name, func(t *testing.T) {
			c := measureCost(t, srv, tt.text)
			ratio := max(c.allocs/ceiling.allocs, c.bytes/ceiling.bytes)
			t.Logf("%.0f allocations, %.1f MB: %.2f × the costliest plain query", c.allocs, c.bytes/1e6, ratio)
			if ratio <= maxCostRatio {
				return
			}
			if tt.known != "" {
				t.Skipf("known search-package issue (%s): %.1f × the costliest plain query", tt.known, ratio)
			}
			t.Errorf("costs %.1f × the costliest plain query (limit %.1f)", ratio, maxCostRatio)
		})
	}
	if n := srv.recoveries.Load(); n != 0 {
		t.Errorf("%d panics recovered", n)
	}
}

// BenchmarkQueryCost compares plain and hostile queries through the API
// handler on 1,000 generated cases:
//
//	go test -run '^$' -bench QueryCost -benchmem ./cmd/casebook
func BenchmarkQueryCost(b *testing.B) {
	gin.SetMode(gin.TestMode)
	srv, err := newServer(serverConfig{})
	if err != nil {
		b.Fatal(err)
	}
	cat, ix := costIndex(b, 1000)
	srv.setState(newState(cat, ix))
	run := func(name, text string) {
		target := "/api/v1/search?q=" + url.QueryEscape(text)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				req, _ := http.NewRequest(http.MethodGet, "http://casebook.test"+target, nil)
				w := &discardWriter{h: http.Header{}}
				srv.ServeHTTP(w, req)
				if w.code != 200 {
					b.Fatalf("status %d", w.code)
				}
			}
		})
	}
	for i, q := range normalCostQueries {
		run(fmt.Sprintf("plain-%d-%d-words", i, len(strings.Fields(q))), q)
	}
	for _, q := range hostileCostQueries {
		run("hostile-"+strings.ReplaceAll(q.name, " ", "-"), q.text)
	}
}

// discardWriter is a ResponseWriter that keeps only the status.
type discardWriter struct {
	h    http.Header
	code int
}

func (w *discardWriter) Header() http.Header { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = 200
	}
	return len(p), nil
}
func (w *discardWriter) WriteHeader(code int) { w.code = code }

// TestOddPaths sends path traversal and odd slugs to every route: each is
// a 404 (JSON under /api), and nothing outside the embedded files is served.
func TestOddPaths(t *testing.T) {
	srv := hardenedServer(t)
	oddSlugs := []string{
		"..", "%2e%2e", "%2E%2E", ".", "...", "%2e", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fgo.mod",
		"..%5c..%5cwindows%5cwin.ini", "%252e%252e%252fetc", "%00", "community-hubs%00", "community-hubs%00.md",
		"%ff", "%c0%ae%c0%ae", "community-hubs.md", "community-hubs%20", "%20community-hubs", "Community-Hubs",
		"COMMUNITY-HUBS", "community_hubs", "community-hubs;x", "community-hubs%3Bx", "~root", "-", "a%2fb",
		"%3Cscript%3Ealert(1)%3C%2Fscript%3E", "javascript:alert(1)", "con", "aux.txt", "%E2%80%AEsbuh",
		"%EF%BC%8E%EF%BC%8E", strings.Repeat("a", 5000), strings.Repeat("a-", 100) + "a",
		"collaboration%2F..%2Fcommunity-hubs", "*", "%2A", "%3F",
	}
	prefixes := []string{"/cases/", "/factors/", "/api/v1/cases/", "/api/v1/factors/", "/static/"}
	for _, prefix := range prefixes {
		for _, slug := range oddSlugs {
			target := prefix + slug
			w := do(t, srv, http.MethodGet, target)
			if w.Code != 404 {
				t.Errorf("GET %s: %d, want 404", truncate(target, 80), w.Code)
				continue
			}
			checkNotFound(t, target, w)
		}
	}
	// Extra segments and traversal on every fixed route.
	routes := []string{"/", "/cases", "/factors", "/about", "/feed.xml", "/sitemap.xml", "/robots.txt", "/healthz",
		"/api/v1/search", "/api/v1/factors", "/api/v1/problems", "/cases/community-hubs", "/factors/collaboration",
		"/api/v1/cases/community-hubs", "/api/v1/factors/collaboration", srv.assets.CSS}
	for _, route := range routes {
		for _, extra := range []string{"/..", "/../..", "/%2e%2e", "/x", "/.", "/%00", "/..%2fgo.mod", "/.git/config"} {
			target := strings.TrimSuffix(route, "/") + extra
			w := do(t, srv, http.MethodGet, target)
			if w.Code != 404 {
				t.Errorf("GET %s: %d, want 404", target, w.Code)
				continue
			}
			checkNotFound(t, target, w)
		}
	}
	// Files that exist in the module or the embedded template FS, but are
	// not published static files.
	for _, target := range []string{"/go.mod", "/main.go", "/content/cases/community-hubs.md", "/cases/community-hubs/index.md",
		"/templates/layout.html", "/static/layout.html", "/static/style.css", "/static/icon.svg", "/static/static/style.css",
		"/static/" + strings.TrimPrefix(srv.assets.CSS, "/static/") + "%00", "/.env", "/.git/HEAD", "/%2e%2e/go.mod",
		"/static/%2e%2e/templates.go", "/favicon.ico", "/api/v1/../../go.mod", "/api/v1/cases", "/api/v1/search/x"} {
		w := do(t, srv, http.MethodGet, target)
		if w.Code != 404 {
			t.Errorf("GET %s: %d, want 404", target, w.Code)
			continue
		}
		checkNotFound(t, target, w)
	}
	// Every static file served is one of the embedded files, byte for byte.
	for name, f := range srv.static {
		w := get(t, srv, "/static/"+name)
		if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), f.body) {
			t.Errorf("/static/%s: %d", name, w.Code)
		}
		embedded := false
		_ = fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if b, err := fs.ReadFile(templates.FS, p); err == nil && bytes.Equal(b, f.body) {
					embedded = true
				}
			}
			return nil
		})
		if !embedded {
			t.Errorf("/static/%s is not an embedded file", name)
		}
	}
}

// TestOddPathsOverTheWire sends raw request targets that an HTTP client
// would clean or refuse to the real http.Server, which must not clean them
// into a file or a page either.
func TestOddPathsOverTheWire(t *testing.T) {
	addr := startLimitedServer(t, defaultHTTPLimits)
	for _, tt := range []struct {
		target string
		status string // the status line's code
	}{
		{"/cases/../../../../etc/passwd", "404"},
		{"/static/../../go.mod", "404"},
		{"/static/..%2f..%2fgo.mod", "404"},
		{"//etc/passwd", "404"},
		{"/./cases/community-hubs", "404"},
		{"/cases//community-hubs", "404"},
		{"/cases/community-hubs/..", "404"},
		{"/api/v1/cases/../../../go.mod", "404"},
		{`/cases/..\..\go.mod`, "404"},
		{"http://casebook.test/cases/community-hubs", "200"}, // absolute form is allowed by HTTP/1.1
		{"http://evil.example/../../go.mod", "404"},
		{"*", "404"},
		{"cases/community-hubs", "400"},      // no leading slash: net/http refuses it
		{"/cases/community-hubs\x00", "400"}, // a NUL in the request line: net/http refuses it
	} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: casebook.test\r\nConnection: close\r\n\r\n", tt.target)
		status, err := bufio.NewReader(conn).ReadString('\n')
		conn.Close()
		if err != nil {
			t.Errorf("GET %s: %v", tt.target, err)
			continue
		}
		if f := strings.Fields(status); len(f) < 2 || f[1] != tt.status {
			t.Errorf("GET %s: %q, want %s", tt.target, strings.TrimSpace(status), tt.status)
		}
	}
}

// checkNotFound checks a 404: JSON with code not_found under /api, an HTML
// page elsewhere, and no echo of the path as markup.
func checkNotFound(t *testing.T, target string, rec *httptest.ResponseRecorder) {
	t.Helper()
	body := rec.Body.String()
	if isAPIPath(mustPath(target)) {
		var e errorJSON
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error.Code != "not_found" {
			t.Errorf("GET %s: %q (%v)", truncate(target, 80), truncate(body, 200), err)
		}
		return
	}
	if ct := rec.Header().Get("Content-Type"); ct != ctHTML || !strings.Contains(body, "Page not found") {
		t.Errorf("GET %s: %q %s", truncate(target, 80), ct, truncate(body, 200))
	}
	if strings.Contains(body, "<script") {
		t.Errorf("GET %s: the 404 page carries a script", truncate(target, 80))
	}
}

func mustPath(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return target
	}
	return u.Path
}

// TestRecoveryMiddleware checks that a panic gives a clean 500 (page or
// JSON) without detail, is logged, and is counted, so that the tests
// above can show no request reaches it.
func TestRecoveryMiddleware(t *testing.T) {
	srv, logBuf := newTestServer(t, serverConfig{})
	cat, _ := testIndex(t)
	srv.setState(newState(cat, failingIndex{panic: true}))
	for _, tt := range []struct{ path, ctype, want string }{
		{"/cases?q=x", ctHTML, "Sorry, something went wrong"},
		{"/api/v1/search?q=x", ctJSON, `{"error":{"code":"internal","message":"Something went wrong on our side.`},
	} {
		w := get(t, srv, tt.path)
		if w.Code != 500 || w.Header().Get("Content-Type") != tt.ctype || !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("%s: %d %q\n%s", tt.path, w.Code, w.Header().Get("Content-Type"), truncate(w.Body.String(), 500))
		}
		if strings.Contains(w.Body.String(), "exploded") || strings.Contains(w.Body.String(), "goroutine") {
			t.Errorf("%s: the response shows the panic", tt.path)
		}
		if w.Header().Get("Content-Security-Policy") == "" {
			t.Errorf("%s: no security headers on the 500", tt.path)
		}
	}
	if n := srv.recoveries.Load(); n != 2 {
		t.Errorf("recoveries = %d, want 2", n)
	}
	log := logBuf.String()
	if !strings.Contains(log, "msg=panic") || !strings.Contains(log, "index exploded") || !strings.Contains(log, "stack=") {
		t.Errorf("log lacks the panic and its stack:\n%s", truncate(log, 2000))
	}
	// The server keeps serving after a panic.
	srv.setState(newState(cat, webIx))
	if w := get(t, srv, "/api/v1/search?q=hubs"); w.Code != 200 {
		t.Errorf("after a panic: %d", w.Code)
	}
}

// TestHTTPLimits checks the limits of the real http.Server.
func TestHTTPLimits(t *testing.T) {
	l := defaultHTTPLimits
	hs := newHTTPServer(http.NotFoundHandler(), slog.New(slog.DiscardHandler), l)
	if hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.WriteTimeout <= 0 || hs.IdleTimeout <= 0 || hs.MaxHeaderBytes <= 0 {
		t.Fatalf("a limit is unset: %+v", l)
	}
	if hs.ReadHeaderTimeout > hs.ReadTimeout || hs.WriteTimeout <= searchTimeout || hs.MaxHeaderBytes > 1<<20 {
		t.Errorf("limits out of proportion: %+v", l)
	}
	if hs.ErrorLog == nil {
		t.Errorf("no ErrorLog: the server's own errors would go to the standard logger")
	}
}

// startLimitedServer serves the test catalogue on a loopback port with the
// given limits and returns its address.
func startLimitedServer(t *testing.T, limits httpLimits) string {
	t.Helper()
	srv, _ := newTestServer(t, serverConfig{})
	hs := newHTTPServer(srv, slog.New(slog.DiscardHandler), limits)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return ln.Addr().String()
}

// TestHeaderTooLarge checks that headers over MaxHeaderBytes get 431 and
// that a request within the limit still works.
func TestHeaderTooLarge(t *testing.T) {
	addr := startLimitedServer(t, defaultHTTPLimits)
	send := func(t *testing.T, header string) string {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		go fmt.Fprintf(conn, "GET /healthz HTTP/1.1\r\nHost: casebook.test\r\n%sConnection: close\r\n\r\n", header)
		status, err := bufio.NewReader(conn).ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(status)
	}
	max := defaultHTTPLimits.MaxHeaderBytes
	if got := send(t, "X-Big: "+strings.Repeat("a", max/2)+"\r\n"); got != "HTTP/1.1 200 OK" {
		t.Errorf("header within the limit: %q", got)
	}
	if got := send(t, "X-Big: "+strings.Repeat("a", 2*max)+"\r\n"); !strings.HasPrefix(got, "HTTP/1.1 431") {
		t.Errorf("one huge header: %q, want 431", got)
	}
	if got := send(t, strings.Repeat("X-Many: "+strings.Repeat("b", 100)+"\r\n", 2*max/100)); !strings.HasPrefix(got, "HTTP/1.1 431") {
		t.Errorf("many headers: %q, want 431", got)
	}
	// A request line longer than the limit is refused the same way.
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	go fmt.Fprintf(conn, "GET /cases?q=%s HTTP/1.1\r\nHost: casebook.test\r\n\r\n", strings.Repeat("a", 2*max))
	if status, _ := bufio.NewReader(conn).ReadString('\n'); !strings.HasPrefix(status, "HTTP/1.1 431") {
		t.Errorf("long request line: %q, want 431", status)
	}
}

// TestSlowHeadersAreCutOff checks that a client sending its headers a byte
// at a time (slowloris) is disconnected once ReadHeaderTimeout has passed,
// however steadily it trickles, while other clients are served.
func TestSlowHeadersAreCutOff(t *testing.T) {
	limits := defaultHTTPLimits
	limits.ReadHeaderTimeout = 300 * time.Millisecond
	limits.ReadTimeout = time.Second
	addr := startLimitedServer(t, limits)

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /cases HTTP/1.1\r\nHost: casebook.test\r\n"); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() { // a byte every 20 ms, never finishing the headers
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if _, err := conn.Write([]byte("X")); err != nil {
					return
				}
			}
		}
	}()
	// Meanwhile a normal client is served.
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("normal client: %d", resp.StatusCode)
	}
	// The guard deadline is far beyond the limit: reaching it means the
	// server never cut the slow client off.
	conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	b, err := io.ReadAll(conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the server kept a connection open whose headers never ended")
	}
	if len(b) > 0 && !strings.HasPrefix(string(b), "HTTP/1.1 4") {
		t.Errorf("the slow client got %q", truncate(string(b), 200))
	}
}

// Graceful shutdown. TestGracefulShutdown runs the test binary again as
// "casebook serve" (TestServeHelperProcess), holds requests in flight and
// sends the process SIGTERM: every request in flight must complete with
// 200, new connections must be refused, and the process must exit 0.

const serveHelperEnv = "CASEBOOK_TEST_SERVE_HELPER"

// helperDelayHeader makes the helper hold a request this long before
// handling it, and report it on stderr as in flight.
const helperDelayHeader = "X-Test-Delay"

// TestServeHelperProcess is not a test on its own: it is the server
// process of TestGracefulShutdown, which runs it with serveHelperEnv set
// and the casebook command line after "--".
func TestServeHelperProcess(t *testing.T) {
	if os.Getenv(serveHelperEnv) != "1" {
		t.Skip("the server process of TestGracefulShutdown")
	}
	wrapHandler = func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if d, err := time.ParseDuration(r.Header.Get(helperDelayHeader)); err == nil {
				fmt.Fprintf(os.Stderr, "helper: in flight %s\n", r.URL.Path)
				time.Sleep(d)
			}
			h.ServeHTTP(w, r)
		})
	}
	os.Exit(run(flag.Args(), &cliEnv{stdout: os.Stdout, stderr: os.Stderr, stdin: strings.NewReader("")}))
}

func TestGracefulShutdown(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	dir := t.TempDir()
	c := corpus.Generate(200, 1)
	if err := c.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeHelperProcess$", "--", "serve", "--content", dir, "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), serveHelperEnv+"=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	waited := make(chan struct{})
	var logMu sync.Mutex
	var log strings.Builder
	ready := make(chan string, 1)
	inFlight := make(chan struct{}, 100)
	go func() {
		readyURL := regexp.MustCompile(`msg=ready url=(http://127\.0\.0\.1:\d+)/`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			logMu.Lock()
			log.WriteString(line + "\n")
			logMu.Unlock()
			if m := readyURL.FindStringSubmatch(line); m != nil {
				ready <- m[1]
			}
			if strings.HasPrefix(line, "helper: in flight") {
				inFlight <- struct{}{}
			}
		}
		exited <- cmd.Wait()
		close(waited)
	}()
	defer func() {
		select {
		case <-waited:
		default:
			cmd.Process.Kill()
		}
	}()
	serverLog := func() string {
		logMu.Lock()
		defer logMu.Unlock()
		return log.String()
	}

	var base string
	select {
	case base = <-ready:
	case err := <-exited:
		t.Fatalf("the server exited early (%v):\n%s", err, serverLog())
	case <-time.After(60 * time.Second):
		t.Fatalf("the server did not become ready:\n%s", serverLog())
	}

	slug := strings.TrimSuffix(strings.TrimPrefix(c.Cases[0].Path, "cases/"), ".md")
	targets := []string{"/", "/cases?q=service", "/cases/" + slug, "/api/v1/search?q=open+data&factor=collaboration",
		"/api/v1/search?format=csv", "/api/v1/cases/" + slug, "/factors", "/feed.xml", "/sitemap.xml", "/about",
		"/cases?factor=collaboration&page=2", "/api/v1/factors"}
	const delay = 2 * time.Second
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 30 * time.Second}
	type result struct {
		target string
		status int
		body   int
		err    error
	}
	results := make(chan result, len(targets))
	var completed atomic.Int32
	for _, target := range targets {
		go func() {
			req, _ := http.NewRequest(http.MethodGet, base+target, nil)
			req.Header.Set(helperDelayHeader, delay.String())
			resp, err := client.Do(req)
			if err != nil {
				results <- result{target: target, err: err}
				return
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			completed.Add(1)
			results <- result{target, resp.StatusCode, len(b), err}
		}()
	}
	for range targets {
		select {
		case <-inFlight:
		case <-time.After(20 * time.Second):
			t.Fatalf("requests did not reach the server:\n%s", serverLog())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// The listener closes at once; the requests are still in flight.
	refused := false
	for deadline := time.Now().Add(delay / 2); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		conn, err := net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), time.Second)
		if err != nil {
			refused = true
			break
		}
		conn.Close()
	}
	if !refused {
		t.Errorf("the server still accepted connections after SIGTERM")
	} else if n := completed.Load(); n != 0 {
		t.Errorf("%d requests completed before the listener closed: they were not in flight", n)
	}
	for range targets {
		r := <-results
		if r.err != nil || r.status != 200 || r.body == 0 {
			t.Errorf("in-flight %s: status %d, %d bytes, %v", r.target, r.status, r.body, r.err)
		}
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("the server exited with %v, want 0:\n%s", err, serverLog())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("the server did not exit after SIGTERM:\n%s", serverLog())
	}
	l := serverLog()
	if !strings.Contains(l, `msg="shutting down"`) || strings.Contains(l, "level=ERROR") {
		t.Errorf("server log:\n%s", l)
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
	walk(doc, func(n *html.Node) {
		switch n.Data {
		case "script", "iframe", "object", "embed", "svg", "frame", "base", "b":
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
	walk(doc, func(n *html.Node) {
		switch n.Data {
		case "math", "style", "applet", "marquee", "template":
			out = append(out, "<"+n.Data+">")
		case "form", "button", "input", "textarea", "select", "details":
			if !inSearchForm(n) { // the pages' own controls are all in search forms
				out = append(out, "<"+n.Data+">")
			}
		case "meta", "link":
			if !inHead(n) || attr(n, "http-equiv") != "" {
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
			return attr(p, "action") == "/cases" && (attr(p, "method") == "" || strings.EqualFold(attr(p, "method"), "get"))
		}
	}
	return false
}

// TestHostileContent loads a catalogue whose every field is hostile and
// checks every page, every API field holding HTML, the feed and the
// sitemap: the hostile text is shown escaped or dropped.
func TestHostileContent(t *testing.T) {
	gin.SetMode(gin.TestMode)
	var logBuf bytes.Buffer
	srv, err := newServer(serverConfig{Log: slog.New(slog.NewTextHandler(&syncWriter{w: &logBuf}, nil)), EditURL: "https://example.org/edit/{path}"})
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
	srv.setState(newState(cat, ix))
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
		checkPage(t, body)
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
			"author": true, "name": true, "entry": true, "summary": true, "category": true, "urlset": true, "url": true, "loc": true}
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
