package web

import (
	"strings"
	"testing"
)

func TestSecurityHeaders(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
		"X-Frame-Options":         "DENY",
	}
	for _, path := range []string{"/", "/cases?q=x", "/cases/community-hubs", "/nope", "/api/v1/search", "/api/nope",
		"/api/v1/search?page=x", srv.assets.CSS, "/feed.xml", "/healthz", "/cases/"} {
		for _, method := range []string{"GET", "POST"} {
			w := do(t, srv, method, path)
			for k, v := range want {
				if got := w.Header().Get(k); got != v {
					t.Errorf("%s %s: %s = %q, want %q", method, path, k, got, v)
				}
			}
		}
	}
}

// TestRecoveryMiddleware checks that a panic gives a clean 500 (page or
// JSON) without detail, is logged, and is counted, so that the tests
// above can show no request reaches it.
func TestRecoveryMiddleware(t *testing.T) {
	srv, logBuf := newTestServer(t, Config{})
	cat, _ := testIndex(t)
	srv.setState(newState(cat, failingIndex{panic: true}, cat.Problems))
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
	srv.setState(newState(cat, webIx, cat.Problems))
	if w := get(t, srv, "/api/v1/search?q=hubs"); w.Code != 200 {
		t.Errorf("after a panic: %d", w.Code)
	}
}
