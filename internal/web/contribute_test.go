package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/webtest"
)

// validContribution is a complete, valid form submission.
func validContribution() url.Values {
	return url.Values{
		"title": {"Tell Us Once: one report of a death"}, "summary": {"One call tells every service about a death."},
		"country": {"United Kingdom"}, "jurisdiction": {""}, "level": {"national"}, "year": {"2011"}, "status": {"ongoing"},
		"evidence": {"2"}, "organisations": {"Department for Work and Pensions\r\nGOV.UK"}, "sectors": {"social services"},
		"tags": {"life events\nbereavement"}, "factors": {"collaboration", "service-users"},
		"source_title": {"Tell Us Once evaluation: it's useful", "", "A book: without a link"},
		"source_url":   {"https://example.org/tell-us-once", "", ""},
		"outcome_text": {"Most users: \"very satisfied\".", ""}, "outcome_source": {"https://example.org/tell-us-once", ""}, "outcome_year": {"2014", ""},
		"challenge": {"Families had to tell *many* offices.\r\n\r\n- one\n- two"}, "what_they_did": {"One appointment."},
		"results": {""}, "lessons": {"Start from people's events."},
	}
}

func postForm(t *testing.T, srv http.Handler, target string, v url.Values) (int, string, http.Header) {
	t.Helper()
	req := newRequest(http.MethodPost, target)
	req.Body = nopCloser{strings.NewReader(v.Encode())}
	req.ContentLength = int64(len(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := serve1(srv, req)
	return w.Code, w.Body.String(), w.Header()
}

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }

func TestContributeForm(t *testing.T) {
	srv := hardenedServer(t)
	w := get(t, srv, "/contribute")
	if w.Code != http.StatusOK {
		t.Fatalf("GET /contribute = %d", w.Code)
	}
	webtest.CheckPage(t, w.Body.String())
	checkPageHas(t, w.Body.String(), []string{`name="title"`, `name="what_they_did"`, `name="factors" value="collaboration"`,
		"Start from the needs of the people served.", `name="source_title"`, `name="outcome_year"`}, []string{`name="reviewed"`})
	if n := strings.Count(w.Body.String(), `name="source_url"`); n != maxSourceRows {
		t.Errorf("%d source rows, want %d", n, maxSourceRows)
	}
	if home := get(t, srv, "/").Body.String(); !strings.Contains(home, `<a href="/contribute">Contribute a case</a>`) {
		t.Errorf("the footer does not link to /contribute")
	}
}

func TestContributeValid(t *testing.T) {
	srv, _ := newTestServer(t, Config{ContributeURL: "https://git.example.org/new?filename=cases/{slug}.md&value={content}"})
	code, body, _ := postForm(t, srv, "/contribute", validContribution())
	if code != http.StatusOK {
		t.Fatalf("POST = %d\n%s", code, body)
	}
	webtest.CheckPage(t, body)
	checkPageHas(t, body, []string{"Your case file is ready", "tell-us-once-one-report-of-a-death.md",
		`href="https://git.example.org/new?filename=cases/tell-us-once-one-report-of-a-death.md&amp;value=---%0Atitle`}, nil)

	long := validContribution()
	long.Set("results", strings.Repeat("A result in many words. ", 400))
	if code, body, _ := postForm(t, srv, "/contribute", long); code != http.StatusOK || !strings.Contains(body, "too long to pass to git.example.org") || strings.Contains(body, "git.example.org/new?") {
		t.Errorf("a file too long for a link: status %d, and the page does not say so instead of linking", code)
	}

	code, md, h := postForm(t, srv, "/contribute?download=1", validContribution())
	if code != http.StatusOK || h.Get("Content-Disposition") != `attachment; filename="tell-us-once-one-report-of-a-death.md"` {
		t.Fatalf("download = %d, %q", code, h.Get("Content-Disposition"))
	}
	// The file validates in the served catalogue and parses to the values sent.
	fsys := fstest.MapFS{"cases/tell-us-once-one-report-of-a-death.md": {Data: []byte(md)}}
	for p, f := range webCatalogFS {
		if strings.HasPrefix(p, "factors/") {
			fsys[p] = f
		}
	}
	cat, err := catalog.Load(fsys)
	if err != nil || cat.Problems.HasErrors() {
		t.Fatalf("the file does not validate: %v %v\n%s", err, cat.Problems, md)
	}
	c, _ := cat.Case("tell-us-once-one-report-of-a-death")
	want := validContribution()
	checks := []struct{ name, got, want string }{
		{"title", c.Title, want.Get("title")},
		{"summary", c.Summary, want.Get("summary")},
		{"year", itoa(c.Year), "2011"},
		{"evidence", itoa(c.Evidence), "2"},
		{"organisations", strings.Join(c.Organisations, "|"), "Department for Work and Pensions|GOV.UK"},
		{"tags", strings.Join(c.Tags, "|"), "life events|bereavement"},
		{"factors", strings.Join(c.Factors, "|"), "collaboration|service-users"},
		{"sources", c.Sources[0].Title + "|" + c.Sources[1].Title + "|" + c.Sources[1].URL, "Tell Us Once evaluation: it's useful|A book: without a link|"},
		{"outcome", c.Outcomes[0].Text + "|" + itoa(c.Outcomes[0].Year), `Most users: "very satisfied".|2014`},
		{"added", c.Added, time.Now().Format(catalog.DateLayout)},
		{"reviewed", c.Reviewed, ""},
		{"body", c.Body, "## Challenge\n\nFamilies had to tell *many* offices.\n\n- one\n- two\n\n## What they did\n\nOne appointment.\n\n## Lessons\n\nStart from people's events.\n"},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("%s = %q, want %q", ck.name, ck.got, ck.want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestContributeInvalidFields(t *testing.T) {
	tests := []struct {
		name   string
		change func(v url.Values)
		field  string // the id the problem must be shown at
		status int
	}{
		{"missing title", func(v url.Values) { v.Set("title", "") }, "title", 422},
		{"missing summary", func(v url.Values) { v.Set("summary", "") }, "summary", 422},
		{"long summary", func(v url.Values) { v.Set("summary", strings.Repeat("word ", 100)) }, "summary", 422},
		{"missing country", func(v url.Values) { v.Set("country", "") }, "country", 422},
		{"bad level", func(v url.Values) { v.Set("level", "planetary") }, "level", 422},
		{"year not a number", func(v url.Values) { v.Set("year", "soon") }, "year", 422},
		{"year out of range", func(v url.Values) { v.Set("year", "1200") }, "year", 422},
		{"bad status", func(v url.Values) { v.Set("status", "dreaming") }, "status", 422},
		{"bad evidence", func(v url.Values) { v.Set("evidence", "9") }, "evidence", 422},
		{"no factors", func(v url.Values) { v.Del("factors") }, "factors", 422},
		{"unknown factor", func(v url.Values) { v["factors"] = []string{"collaboration", "telepathy"} }, "factors", 422},
		{"source url not http", func(v url.Values) {
			v["source_url"] = []string{"https://example.org/tell-us-once", "", "javascript:alert(1)"}
		}, "source_title-2", 422},
		{"source without title", func(v url.Values) {
			v["source_title"] = []string{"Tell Us Once evaluation", "", ""}
			v["source_url"] = []string{"https://example.org/tell-us-once", "https://example.org/b", ""}
		}, "source_title-1", 422},
		{"outcome naming no source", func(v url.Values) { v["outcome_source"] = []string{"https://example.org/other", ""} }, "outcome_text-0", 422},
		{"outcome year not a number", func(v url.Values) { v["outcome_year"] = []string{"later", ""} }, "outcome_year-0", 422},
		{"title of an existing case", func(v url.Values) { v.Set("title", "Community Hubs") }, "title", 422},
		{"invalid UTF-8", func(v url.Values) { v.Set("lessons", "caf\xe9") }, "lessons", 422},
	}
	srv := hardenedServer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := validContribution()
			tt.change(v)
			code, body, _ := postForm(t, srv, "/contribute", v)
			if code != tt.status {
				t.Fatalf("status %d, want %d\n%s", code, tt.status, body)
			}
			webtest.CheckPage(t, body)
			checkPageHas(t, body, []string{`id="` + tt.field + `-error"`, `<a href="#` + tt.field + `">`, `class="error-summary"`}, []string{"Your case file is ready"})
		})
	}
}

func TestContributeHostile(t *testing.T) {
	srv := hardenedServer(t)
	big := strings.Repeat("x", 1<<20)
	tests := []struct {
		name    string
		v       url.Values
		status  int
		notWant []string
	}{
		{"script tags are escaped", func() url.Values {
			v := validContribution()
			v.Set("title", `<script>alert(1)</script> hub`)
			v.Set("challenge", `</textarea><script>alert(2)</script>`)
			return v
		}(), 200, []string{"<script>alert"}},
		{"1 MB field", url.Values{"title": {big}}, 413, nil},
		{"many repeated rows", url.Values{"source_title": strings.Split(strings.Repeat("t,", 5000), ",")}, 422, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := postForm(t, srv, "/contribute", tt.v)
			if code != tt.status {
				t.Fatalf("status %d, want %d", code, tt.status)
			}
			checkPageHas(t, body, nil, tt.notWant)
		})
	}
}
