package web

import (
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/webtest"
)

func TestHomePage(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	w := get(t, srv, "/")
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	webtest.CheckPage(t, body)
	for _, f := range []string{
		"<title>Public-sector innovation case studies – Casebook</title>",
		`<form class="search-form" method="get" action="/cases" role="search" aria-label="Case studies">`,
		`<label class="search-label" for="home-q">Search 4 case studies</label>`,
		// factors with counts, linking to filtered searches
		`<h3><a href="/cases?factor=collaboration">A culture of collaboration</a></h3>`, `<p class="count">3 cases</p>`, `<p class="count">0 cases</p>`,
		// sectors and countries, compared case-insensitively
		`<a class="chip" href="/cases?sector=health">health <span class="chip-count">2<span class="visually-hidden"> cases</span></span></a>`,
		`<a class="chip" href="/cases?country=Canada">Canada <span class="chip-count">1<span class="visually-hidden"> case</span></span></a>`,
		`<a class="more-link" href="/cases?sort=newest">See all 4 case studies</a>`,
	} {
		if !strings.Contains(body, f) {
			t.Errorf("home lacks %s", f)
		}
	}
	// Recently added: no test case has an added date, so 1 January of its year counts: newest first.
	i2020, i2015, i2011, i1989 := strings.Index(body, `href="/cases/xss-attempt"`), strings.Index(body, `href="/cases/community-hubs"`),
		strings.Index(body, `href="/cases/digital-service"`), strings.Index(body, `href="/cases/porto-alegre-budget"`)
	if !(0 <= i2020 && i2020 < i2015 && i2015 < i2011 && i2011 < i1989) {
		t.Errorf("recent cases not newest first: %d %d %d %d", i2020, i2015, i2011, i1989)
	}
	if t.Failed() {
		t.Logf("page:\n%s", body)
	}
}

func TestAboutPage(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	body := get(t, srv, "/about").Body.String()
	webtest.CheckPage(t, body)
	for _, f := range []string{`<a href="/about/editor-guide">editor guide</a>`, "4 case studies from 4 countries", `<h2 id="contribute">Contribute a case</h2>`,
		"casebook validate", `<h2 id="api">Data and API</h2>`, `aria-current="page">About</a>`} {
		if !strings.Contains(body, f) {
			t.Errorf("about lacks %s", f)
		}
	}
}

func TestEditorGuidePage(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	rec := get(t, srv, "/about/editor-guide")
	body := rec.Body.String()
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	webtest.CheckPage(t, body)
	for _, f := range []string{"<h1>Editor guide</h1>", `aria-current="true">About</a>`, "casebook validate", "synonyms.yaml", `<nav class="toc"`} {
		if !strings.Contains(body, f) {
			t.Errorf("guide lacks %s", f)
		}
	}
	if strings.Count(body, "<h1") != 1 {
		t.Errorf("guide has %d h1 elements, want 1", strings.Count(body, "<h1"))
	}
}
