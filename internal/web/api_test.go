package web

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/search"
	"github.com/gin-gonic/gin"
)

var scoreField = regexp.MustCompile(`"score":[-+0-9.eE]+`)

// TestAPIGolden compares JSON responses with testdata/golden. Scores are
// set to 0 first: they belong to the ranking, which has its own tests.
func TestAPIGolden(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	tests := []struct {
		name, method, path string
		status             int
	}{
		{"search_hubs", "GET", "/api/v1/search?q=hubs", 200},
		{"search_filtered", "GET", "/api/v1/search?factor=collaboration&sector=health&sort=title&per_page=1", 200},
		{"search_reversed_years", "GET", "/api/v1/search?year_from=2020&year_to=2000", 200},
		{"case", "GET", "/api/v1/cases/community-hubs", 200},
		{"factors", "GET", "/api/v1/factors", 200},
		{"factor", "GET", "/api/v1/factors/collaboration", 200},
		{"problems", "GET", "/api/v1/problems", 200},
		{"error_bad_request", "GET", "/api/v1/search?per_page=abc", 400},
		{"error_not_found", "GET", "/api/v1/cases/nope", 404},
		{"error_unknown_path", "GET", "/api/v1/nope", 404},
		{"error_method", "POST", "/api/v1/factors", 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, srv, tt.method, tt.path)
			if w.Code != tt.status || w.Header().Get("Content-Type") != ctJSON {
				t.Fatalf("status %d %q, want %d JSON: %s", w.Code, w.Header().Get("Content-Type"), tt.status, w.Body.String())
			}
			golden(t, "api_"+tt.name, scoreField.ReplaceAll(w.Body.Bytes(), []byte(`"score":0`)))
		})
	}
}

func TestAPISearchShape(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	var resp map[string]any
	if err := json.Unmarshal(get(t, srv, "/api/v1/search?q=hubs&per_page=1&page=2").Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"query", "total", "page", "per_page", "results", "facets"} {
		if _, ok := resp[k]; !ok {
			t.Errorf("response lacks %q", k)
		}
	}
	if resp["page"] != 2.0 || resp["per_page"] != 1.0 || resp["query"] != "hubs" {
		t.Errorf("page/per_page/query = %v %v %v", resp["page"], resp["per_page"], resp["query"])
	}
	results := resp["results"].([]any)
	if len(results) != 1 {
		t.Fatalf("results = %v", results)
	}
	r := results[0].(map[string]any)
	for _, k := range []string{"slug", "title", "summary", "url", "year", "country", "jurisdiction", "level", "status",
		"factors", "tags", "sectors", "score", "highlights"} {
		if _, ok := r[k]; !ok {
			t.Errorf("result lacks %q", k)
		}
	}
	facets := resp["facets"].(map[string]any)
	for _, k := range []string{"factor", "tag", "sector", "level", "country", "status"} {
		if _, ok := facets[k].([]any); !ok {
			t.Errorf("facet %q is %v, want a list", k, facets[k])
		}
	}
}

func TestAPISearchCSV(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	tests := []struct {
		name, query string
		slugs       []string
	}{
		{"all, newest first", "format=csv", []string{"xss-attempt", "community-hubs", "digital-service", "porto-alegre-budget"}},
		{"filtered, not paged", "format=csv&factor=collaboration&per_page=1&page=2", []string{"xss-attempt", "community-hubs", "digital-service"}},
		{"sorted by title", "format=CSV&factor=collaboration&sort=title", []string{"xss-attempt", "community-hubs", "digital-service"}},
		{"text", "format=csv&q=budget", []string{"porto-alegre-budget"}},
		{"nothing", "format=csv&q=zzzzqqqxxx", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, srv, "/api/v1/search?"+tt.query)
			if w.Code != 200 || w.Header().Get("Content-Type") != "text/csv; charset=utf-8" ||
				!strings.HasPrefix(w.Header().Get("Content-Disposition"), `attachment; filename=casebook-`) {
				t.Fatalf("status %d, headers %v", w.Code, w.Header())
			}
			rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(w.Body.String(), "\uFEFF"))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(downloadHeader, ",") {
				t.Fatalf("header row = %v", rows)
			}
			var slugs []string
			for _, row := range rows[1:] {
				slugs = append(slugs, row[0])
			}
			if strings.Join(slugs, " ") != strings.Join(tt.slugs, " ") {
				t.Errorf("rows = %v, want %v", slugs, tt.slugs)
			}
		})
	}
}

func TestAPICase(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	var c struct {
		Slug          string   `json:"slug"`
		URL           string   `json:"url"`
		Organisations []string `json:"organisations"`
		Sources       []struct {
			Title string `json:"title"`
			URL   string `json:"url"`
		} `json:"sources"`
		BodyHTML string `json:"body_html"`
		Headings []struct {
			Level int    `json:"level"`
			ID    string `json:"id"`
			Text  string `json:"text"`
		} `json:"headings"`
	}
	if err := json.Unmarshal(get(t, srv, "/api/v1/cases/community-hubs").Body.Bytes(), &c); err != nil {
		t.Fatal(err)
	}
	if c.Slug != "community-hubs" || c.URL != "/cases/community-hubs" || len(c.Organisations) != 1 || len(c.Sources) != 2 ||
		c.Sources[1].URL != "" || !strings.Contains(c.BodyHTML, `<h2 id="challenge">Challenge</h2>`) ||
		len(c.Headings) != 5 || c.Headings[2].Level != 3 {
		t.Errorf("case = %+v", c)
	}
	// Empty lists are [] rather than null.
	body := get(t, srv, "/api/v1/cases/digital-service").Body.String()
	for _, want := range []string{`"organisations":[]`, `"sources":[]`, `"status":""`} {
		if !strings.Contains(body, want) {
			t.Errorf("case lacks %s: %s", want, body)
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
	srv, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	cat, ix := costIndex(t, 300)
	srv.setState(newState(cat, ix, cat.Problems))
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
//	go test -run '^$' -bench QueryCost -benchmem ./internal/web
func BenchmarkQueryCost(b *testing.B) {
	gin.SetMode(gin.TestMode)
	srv, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	cat, ix := costIndex(b, 1000)
	srv.setState(newState(cat, ix, cat.Problems))
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
