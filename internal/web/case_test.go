package web

import (
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/webtest"
)

func TestCasePage(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		path    string
		want    []string
		notWant []string
	}{
		{"content and metadata", Config{}, "/cases/community-hubs", []string{
			"<title>Community Hubs – Casebook</title>",
			`<meta name="description" content="Schools and other public buildings become hubs that bring local services together.">`,
			`<nav class="breadcrumbs" aria-label="Breadcrumb">`, `<li><a href="/cases">Case studies</a></li>`,
			`<p class="eyebrow">Case study · Ontario, Canada · 2015</p>`,
			`<p class="lede">Schools and other public buildings become hubs that bring local services together.</p>`,
			// table of contents from the headings
			`<li class="toc-level-2"><a href="#challenge">Challenge</a></li>`, `<li class="toc-level-3"><a href="#an-advisory-group">An advisory group</a></li>`,
			`<h2 id="challenge">Challenge</h2>`,
			// metadata panel
			`<dt>Level of government</dt>`, `<a href="/cases?level=provincial">Provincial</a>`, `<a href="/cases?status=ongoing">Ongoing</a>`,
			`<a href="/cases?country=Canada">Canada</a><br>Ontario`, `<li><a href="/organisations/ontario-ministry-of-infrastructure">Ontario Ministry of Infrastructure</a></li>`,
			`<a class="chip" href="/cases?sector=Social%20Services">Social Services</a>`,
			`<a class="chip" href="/cases?tag=community%20hubs">community hubs</a>`,
			// factors with their summaries
			`<a href="/factors/collaboration">A culture of collaboration</a>`, "<p>People work across ministries and sectors.</p>",
			// sources: a link only where there is a URL
			`<li><a href="https://www.ontario.ca/page/community-hubs">Community Hubs in Ontario</a></li>`, "<li>A printed report without a link</li>",
			// related and citation
			`id="case-related"`, `<a href="/cases/digital-service">Government Digital Service</a>`,
			`<p class="citation">Casebook. “Community Hubs.” Case study: Ontario, Canada, 2015. Content version abc1234. http://casebook.test/cases/community-hubs (accessed `,
			`aria-current="true">Case studies</a>`,
		}, []string{"Edit this case"}},
		{"edit link", Config{EditURL: "https://github.com/example/casebook/edit/main/content/{path}"}, "/cases/community-hubs", []string{
			`<a href="https://github.com/example/casebook/edit/main/content/cases/community-hubs.md">Edit this case`,
		}, nil},
		{"base url in citation", Config{BaseURL: "https://casebook.example.org/"}, "/cases/porto-alegre-budget", []string{
			"https://casebook.example.org/cases/porto-alegre-budget (accessed",
		}, []string{"id=\"case-sources\""}},
		{"level-one heading demoted", Config{}, "/cases/digital-service", []string{`<h2 id="overview">Overview</h2>`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newTestServer(t, tt.cfg)
			w := get(t, srv, tt.path)
			if w.Code != 200 || w.Header().Get("Content-Type") != ctHTML {
				t.Fatalf("status %d %s", w.Code, w.Header().Get("Content-Type"))
			}
			checkPageHas(t, w.Body.String(), tt.want, tt.notWant)
		})
	}
}

func TestCaseNotFound(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	for _, p := range []string{"/cases/nope", "/cases/broken", "/cases/%2e%2e", "/cases/COMMUNITY-HUBS", "/cases/community-hubs%00"} {
		w := get(t, srv, p)
		if w.Code != 404 || !strings.Contains(w.Body.String(), "<h1>Page not found</h1>") {
			t.Errorf("%s: %d", p, w.Code)
		}
		webtest.CheckPage(t, w.Body.String())
	}
}

func TestCitation(t *testing.T) {
	c := &catalog.Case{Title: "NYC311.", Country: "United States", Jurisdiction: "New York City", Year: 2003}
	got := citation(c, "https://x.org/cases/nyc-311", "", time.Date(2026, 5, 3, 0, 0, 0, 0, time.UTC))
	want := "Casebook. “NYC311.” Case study: New York City, United States, 2003. https://x.org/cases/nyc-311 (accessed May 3, 2026)."
	if got != want {
		t.Errorf("citation = %q, want %q", got, want)
	}
}

func TestDemoteH1(t *testing.T) {
	in := template.HTML(`<h1 id="a">A</h1><p>&lt;h1&gt; text</p><h2>B</h2>`)
	want := template.HTML(`<h2 id="a">A</h2><p>&lt;h1&gt; text</p><h2>B</h2>`)
	if got := demoteH1(in); got != want {
		t.Errorf("demoteH1 = %s", got)
	}
}

func TestEditLink(t *testing.T) {
	srv := &Server{editURL: "https://example.org/{path}?plain=1"}
	if got, want := srv.editLink("cases/a b.md"), "https://example.org/cases/a%20b.md?plain=1"; got != want {
		t.Errorf("editLink = %q, want %q", got, want)
	}
	if got := (&Server{}).editLink("cases/x.md"); got != "" {
		t.Errorf("editLink without a template = %q", got)
	}
}
