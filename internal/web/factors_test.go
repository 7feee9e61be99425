package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/internal/webtest"
	"github.com/casebook/casebook/search"
)

func TestFactorPages(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	tests := []struct {
		name, path string
		status     int
		want       []string
	}{
		{"index", "/factors", 200, []string{
			`<h2><a href="/factors/collaboration">A culture of collaboration</a></h2>`, "<p>People work across ministries and sectors.</p>",
			`<a href="/cases?factor=collaboration">3 cases</a>`, `<a href="/cases?factor=service-users">2 cases</a>`, "No cases yet",
			`aria-current="page">Success factors</a>`,
		}},
		{"factor", "/factors/collaboration", 200, []string{
			"<title>A culture of collaboration – Casebook</title>", `<p class="eyebrow">Success factor</p>`,
			`<p class="aliases">Also called: partnership</p>`, `<h2 id="what-it-is">What it is</h2>`,
			"3 case studies show this factor.", `<a href="/cases?factor=collaboration">Search and filter these cases</a>`,
			`<a href="/cases/community-hubs">Community Hubs</a>`, `<a href="/cases/digital-service">Government Digital Service</a>`,
			// factors named by the same cases
			"Often found with", `<li><a href="/factors/service-users">A focus on service users</a> <span class="count together-count">in 1 case</span></li>`,
			`aria-current="true">Success factors</a>`,
		}},
		{"factor without cases", "/factors/risk-tolerance", 200, []string{"No case study names this factor yet."}},
		{"level-one heading demoted", "/factors/service-users", 200, []string{`<h2 id="a-stray-top-heading">A stray top heading</h2>`}},
		{"unknown", "/factors/nope", 404, []string{"There is no success factor at this address."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, srv, tt.path)
			if w.Code != tt.status {
				t.Fatalf("status %d", w.Code)
			}
			body := w.Body.String()
			webtest.CheckPage(t, body)
			for _, f := range tt.want {
				if !strings.Contains(body, f) {
					t.Errorf("page lacks %s", f)
				}
			}
			if t.Failed() {
				t.Logf("page:\n%s", body)
			}
		})
	}
	// Cases on a factor page are newest first.
	body := get(t, srv, "/factors/collaboration").Body.String()
	if a, b := strings.Index(body, "/cases/xss-attempt"), strings.Index(body, "/cases/community-hubs"); a < 0 || b < a {
		t.Errorf("cases not newest first")
	}
}

// TestFactorPageCapsItsList checks that a factor shown by many cases lists
// only the newest on its page and links to the rest.
func TestFactorPageCapsItsList(t *testing.T) {
	gin.SetMode(gin.TestMode)
	cat, err := catalog.Load(corpus.Generate(400, 1).FS())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	srv, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	srv.setState(newState(cat, ix, cat.Problems))
	var slug string
	for _, f := range cat.Factors {
		if len(cat.CasesWithFactor(f.Slug)) > factorPageCases {
			slug = f.Slug
			break
		}
	}
	if slug == "" {
		t.Fatal("no factor with more cases than the page lists")
	}
	total := len(cat.CasesWithFactor(slug))
	body := get(t, srv, "/factors/"+slug).Body.String()
	if n := strings.Count(body, `href="/cases/`); n != factorPageCases {
		t.Errorf("page links %d cases, want %d", n, factorPageCases)
	}
	for _, want := range []string{fmt.Sprintf("%d case studies show this factor.", total), "The 50 most recent are listed here.", `<a href="/cases?factor=` + slug + `">Search and filter all these cases</a>`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}
