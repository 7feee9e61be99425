package web

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/webtest"
	"github.com/casebook/casebook/templates"
)

// TestRoutes checks every route's status, content type and key fragments.
func TestRoutes(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
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
		{"cases bad param", "GET", "/cases?year_from=soon", 400, ctHTML, []string{"There is a problem with your search", "“Year from” must be a year"}},

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
				webtest.CheckPage(t, body)
			}
			if tt.ctype == ctJSON && tt.method == "GET" && !json.Valid(w.Body.Bytes()) {
				t.Errorf("invalid JSON: %s", body)
			}
		})
	}
}

func TestTrailingSlash(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
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
	if strings.Contains(ownScript.ReplaceAllString(body, ""), "<script") {
		t.Errorf("GET %s: the 404 page carries a script other than the site's own", truncate(target, 80))
	}
}

// ownScript is the one script element of every page: the site's own file.
var ownScript = regexp.MustCompile(`<script src="/static/search\.[0-9a-f]{12}\.js" defer></script>`)

func mustPath(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return target
	}
	return u.Path
}
