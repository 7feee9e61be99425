package web

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
	"github.com/casebook/casebook/internal/webtest"
	"github.com/casebook/casebook/search"
	"github.com/gin-gonic/gin"
)

// evidenceFS makes a test file system of files (path: text).
func evidenceFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

var (
	evidenceOnce sync.Once
	evidenceCat  *catalog.Catalog
	evidenceIx   *search.Index
	evidenceErr  error
)

// newEvidenceServer serves evidenceCatalogFS.
func newEvidenceServer(t *testing.T) *Server {
	t.Helper()
	evidenceOnce.Do(func() {
		evidenceCat, evidenceErr = catalog.Load(evidenceFS(webtest.EvidenceCatalog(time.Now())))
		if evidenceErr == nil && len(evidenceCat.Problems) > 0 {
			evidenceErr = fmt.Errorf("evidence test catalogue has problems: %v", evidenceCat.Problems)
		}
		if evidenceErr == nil {
			evidenceIx, evidenceErr = search.New(evidenceCat)
		}
	})
	if evidenceErr != nil {
		t.Fatal(evidenceErr)
	}
	gin.SetMode(gin.TestMode)
	logBuf := &webtest.LogBuffer{}
	srv, err := New(Config{Guide: content.Guide, Log: slog.New(slog.NewTextHandler(logBuf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv.setState(newState(evidenceCat, evidenceIx, nil))
	t.Cleanup(func() { assertNoRecoveries(t, srv, logBuf) })
	return srv
}

func TestEvidenceCatalogue(t *testing.T) {
	newEvidenceServer(t)
	want := map[string]string{"audited": "complete", "old-review": "complete", "stub-case": "stub", "partial-case": "partial"}
	for slug, c := range want {
		cs, ok := evidenceCat.Case(slug)
		if !ok || cs.Completeness != c {
			t.Errorf("%s: completeness %v, want %s (the fixture must cover every value)", slug, cs, c)
		}
	}
}

func TestEvidencePanel(t *testing.T) {
	const (
		independent = `<strong class="independent">Independent source</strong>`
		oldNotice   = "This case has not been checked against its sources for more than two years."
		neverNotice = "This case has never been checked against its sources."
		stubNotice  = "This case is a stub: only a short outline has been written so far."
	)
	tests := []struct {
		name, path  string
		independent int // times the independent mark appears
		want        []string
		notWant     []string
	}{
		{"recent review, independent outcome", "/cases/audited", 1, []string{
			// the glance line under the title, before the contents
			`<span class="glance-key">Status:</span> Ongoing`,
			`<span class="glance-key">Evidence:</span> level 4 of 5, independent evaluation or replication confirms it`,
			`<p class="glance-outcome"><span class="glance-key">Result:</span> Waiting times fell from 40 days to 12 &amp; complaints halved. (2019)</p>`,
			// the panel
			`<li class="toc-level-2"><a href="#case-evidence">Evidence</a></li>`,
			`<section class="section evidence" id="case-evidence" aria-labelledby="case-evidence-title">`,
			`<strong>Level 4 of 5:</strong> independent evaluation or replication confirms it.`,
			`<a href="/about#evidence">What the evidence levels mean</a>`,
			`<p class="outcome-text">Waiting times fell from 40 days to 12 &amp; complaints halved.</p>`,
			`<span class="outcome-year">2019</span> · Source: <a href="https://audit.example.org/report">Auditor General report</a> · ` + independent,
			"Completeness: Complete.",
		}, []string{oldNotice, neverNotice, stubNotice, `class="notice"`}},
		{"review over two years old", "/cases/old-review", 1, []string{
			`<span class="glance-key">Evidence:</span> level 2 of 5, data show a change`,
			`<span class="glance-key">Result:</span> The city reported 3,000 users in the first year. (2014)`,
			`<strong>Level 2 of 5:</strong> data show a change.`,
			// a source with a URL is a link; a year where given
			`<span class="outcome-year">2014</span> · Source: <a href="https://city.example.org/news">City press release</a></p>`,
			// a source without one is its title; no year, independent marked
			`<p class="outcome-text">An evaluation found users saved an hour a visit.</p>
      <p class="outcome-source">Source: A printed evaluation (University Press, 2014) · ` + independent,
			`Last checked against its sources on <time datetime="2015-03-01">March 1, 2015</time>.`,
			`<div class="notice" role="note">`, oldNotice, "Some facts may be out of date.",
		}, []string{neverNotice, stubNotice}},
		{"stub never reviewed", "/cases/stub-case", 0, []string{
			`<span class="glance-key">Evidence:</span> not yet assessed`,
			`<strong>Evidence level:</strong> not yet assessed.`,
			"No results with sources are listed for this case yet.",
			"Not yet checked against its sources by an editor.",
			"Completeness: Stub.",
			`<div class="notice" role="note">`, stubNotice, neverNotice,
		}, []string{oldNotice, `class="glance-outcome"`, "Status:</span>", `class="outcomes"`}},
		{"partial", "/cases/partial-case", 0, []string{
			`<span class="glance-key">Status:</span> Pilot`,
			`<p class="outcome-source">Source: <a href="https://pilot.example.org/report">Pilot report</a></p>`,
			"Completeness: Partial.",
		}, []string{`class="notice"`, "outcome-year"}},
	}
	srv := newEvidenceServer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, srv, tt.path)
			if w.Code != 200 {
				t.Fatalf("status %d", w.Code)
			}
			body := w.Body.String()
			checkPageHas(t, body, tt.want, tt.notWant)
			if n := strings.Count(body, independent); n != tt.independent {
				t.Errorf("the independent mark appears %d times, want %d", n, tt.independent)
			}
			// The glance line comes before the contents and the panel before the body.
			glance, toc, panel, challenge := strings.Index(body, `class="glance"`), strings.Index(body, `class="toc"`),
				strings.Index(body, `id="case-evidence"`), strings.Index(body, `<h2 id="challenge">`)
			if glance < 0 || glance > toc || toc > panel || panel > challenge {
				t.Errorf("order: glance %d, contents %d, Evidence panel %d, body %d; want them in that order", glance, toc, panel, challenge)
			}
		})
	}
}

func TestEvidenceWords(t *testing.T) {
	tests := []struct {
		level     int
		words     string
		minFilter string
	}{
		{0, "", "0 or more"},
		{1, "describes what was done and why", "1 or more"},
		{2, "data show a change", "2 or more"},
		{3, "a comparison shows it caused the change", "3 or more"},
		{4, "independent evaluation or replication confirms it", "4 or more"},
		{5, "manuals and systems let others replicate it", "5"},
		{6, "", "6"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.level), func(t *testing.T) {
			if got := evidenceWords(tt.level); got != tt.words {
				t.Errorf("evidenceWords(%d) = %q, want %q", tt.level, got, tt.words)
			}
			if got := evidenceMinLabel(tt.level); got != tt.minFilter {
				t.Errorf("evidenceMinLabel(%d) = %q, want %q", tt.level, got, tt.minFilter)
			}
		})
	}
	if f, ok := search.LookupFilter("evidence_min"); !ok || f.Max != maxEvidence || len(evidenceLevels) != maxEvidence {
		t.Errorf("evidence_min filter %+v, %d levels in words: want both to end at %d", f, len(evidenceLevels), maxEvidence)
	}
}

func TestAboutEvidence(t *testing.T) {
	srv := newEvidenceServer(t)
	want := []string{`<h2 id="evidence">`, "under 150 words", "<strong>complete</strong>", "<strong>stub</strong>"}
	for _, l := range evidenceLevels {
		want = append(want, fmt.Sprintf("<li><strong>Level %d: %s.</strong> %s</li>", l.Level,
			strings.ToUpper(l.Words[:1])+l.Words[1:], l.Explain))
	}
	checkPageHas(t, get(t, srv, "/about").Body.String(), want, nil)
}

var resultSlug = regexp.MustCompile(`<h3 class="result-title"><a href="/cases/([a-z0-9-]+)">`)

// TestEvidenceFilters checks that evidence_min and completeness give exact
// sets on /cases and in the API, with the radio buttons, checkboxes,
// counts and applied filters of the page.
func TestEvidenceFilters(t *testing.T) {
	tests := []struct {
		name, query string
		want        []string // slugs, by title
		page        []string // fragments of the /cases page
	}{
		{"no filter", "", []string{"audited", "old-review", "partial-case", "stub-case"}, []string{
			`<input type="radio" id="f-evidence_min-0" name="evidence_min" value="" checked>
  <label for="f-evidence_min-0">Any</label>`,
			`<label for="f-evidence_min-1">1 or more <span class="count">(3)</span></label>`,
			`<label for="f-evidence_min-3">3 or more <span class="count">(1)</span></label>`,
			`<label for="f-evidence_min-5">5 <span class="count">(0)</span></label>`,
			`<p class="hint facet-help"><a href="/about#evidence">What the evidence levels mean</a></p>`,
			`<input type="checkbox" id="f-completeness-55caed82" name="completeness" value="complete">
  <label for="f-completeness-55caed82">Complete <span class="count">(2)</span></label>`,
			// compact grade in each result
			`<p class="meta result-grade">Evidence 4 of 5 · Complete</p>`,
			`<p class="meta result-grade">Evidence 2 of 5 · Partial</p>`,
			`<p class="meta result-grade">Evidence not assessed · Stub</p>`,
		}},
		{"evidence 2 or more", "evidence_min=2", []string{"audited", "old-review", "partial-case"}, []string{
			`<input type="radio" id="f-evidence_min-2" name="evidence_min" value="2" checked>`,
			// the facet ignores its own selection
			`<label for="f-evidence_min-1">1 or more <span class="count">(3)</span></label>`,
			`<span class="applied-kind">Evidence:</span> 2 or more`,
			`href="/cases?sort=title"><span class="applied-kind">Evidence:`,
		}},
		{"evidence 4 or more", "evidence_min=4", []string{"audited"}, []string{
			`<label for="f-evidence_min-2">2 or more <span class="count">(3)</span></label>`,
			`<label for="f-completeness-55caed82">Complete <span class="count">(1)</span></label>`,
		}},
		{"evidence 5", "evidence_min=5", nil, []string{`<span class="applied-kind">Evidence:</span> 5 <span`}},
		{"stub", "completeness=stub", []string{"stub-case"}, []string{
			`value="stub" checked>`,
			`<label for="f-completeness-55caed82">Complete <span class="count">(2)</span></label>`,
			`<span class="applied-kind">Completeness:</span> Stub`,
		}},
		{"partial or stub", "completeness=partial&completeness=stub", []string{"partial-case", "stub-case"}, nil},
		{"both filters", "evidence_min=2&completeness=complete", []string{"audited", "old-review"}, []string{
			`href="/cases?completeness=complete&amp;sort=title"><span class="applied-kind">Evidence:</span> 2 or more`,
			`href="/cases?evidence_min=2&amp;sort=title"><span class="applied-kind">Completeness:</span> Complete`,
		}},
	}
	srv := newEvidenceServer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := "sort=title"
			if tt.query != "" {
				q = tt.query + "&" + q
			}
			w := get(t, srv, "/cases?"+q)
			if w.Code != 200 {
				t.Fatalf("/cases?%s: status %d", q, w.Code)
			}
			body := w.Body.String()
			var got []string
			for _, m := range resultSlug.FindAllStringSubmatch(body, -1) {
				got = append(got, m[1])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("/cases?%s lists %v, want %v", q, got, tt.want)
			}
			checkPageHas(t, body, tt.page, nil)

			var resp search.Response
			w = get(t, srv, "/api/v1/search?"+q)
			if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil || w.Code != 200 {
				t.Fatalf("API: %d %v %s", w.Code, err, w.Body.String())
			}
			got = nil
			for _, r := range resp.Results {
				got = append(got, r.Slug)
			}
			if !slices.Equal(got, tt.want) || resp.Total != len(tt.want) {
				t.Errorf("API ?%s gives %v (total %d), want %v", q, got, resp.Total, tt.want)
			}
		})
	}
}

// TestEvidenceCaseJSON compares a case with outcomes, one sourced by URL
// and one by title, with its golden JSON.
func TestEvidenceCaseJSON(t *testing.T) {
	srv := newEvidenceServer(t)
	w := get(t, srv, "/api/v1/cases/old-review")
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	golden(t, "api_case_evidence", w.Body.Bytes())
}
