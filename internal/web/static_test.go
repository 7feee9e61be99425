package web

import (
	"regexp"
	"strings"
	"testing"
)

func TestStaticAssets(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	if !regexp.MustCompile(`^/static/style\.[0-9a-f]{12}\.css$`).MatchString(srv.assets.CSS) {
		t.Errorf("stylesheet URL %q has no content hash", srv.assets.CSS)
	}
	for _, p := range []string{srv.assets.CSS, srv.assets.Icon} {
		w := get(t, srv, p)
		if w.Code != 200 || w.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s: %d Cache-Control=%q", p, w.Code, w.Header().Get("Cache-Control"))
		}
	}
	// Pages link the hashed stylesheet.
	if body := get(t, srv, "/").Body.String(); !strings.Contains(body, `<link rel="stylesheet" href="`+srv.assets.CSS+`">`) {
		t.Errorf("home page does not link %s", srv.assets.CSS)
	}
	// Another hash, or a file that is not a registered asset, is not found.
	for _, p := range []string{"/static/style.000000000000.css", "/static/templates.go", "/static/", "/static/static/style.css"} {
		w := get(t, srv, p)
		if w.Code != 404 || w.Header().Get("Cache-Control") != "" {
			t.Errorf("%s: %d Cache-Control=%q", p, w.Code, w.Header().Get("Cache-Control"))
		}
	}
}

// TestStylesheet checks the stylesheet for what the pages rely on.
func TestStylesheet(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	css := get(t, srv, srv.assets.CSS).Body.String()
	for _, want := range []string{":focus-visible", "@media print", "@media (min-width: 48em)", ".visually-hidden", ".skip-link:focus"} {
		if !strings.Contains(css, want) {
			t.Errorf("stylesheet lacks %s", want)
		}
	}
	if strings.Contains(css, "@import") || strings.Contains(css, "url(") {
		t.Errorf("stylesheet loads external resources")
	}
}

func TestHealthz(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	w := get(t, srv, "/healthz")
	if w.Code != 200 || w.Body.String() != "ok" || w.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("/healthz: %d %q", w.Code, w.Body.String())
	}
	srv.setState(nil)
	if w := get(t, srv, "/healthz"); w.Code != 503 {
		t.Errorf("/healthz without a state: %d", w.Code)
	}
}
