package web

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestInternalErrorsStayInTheLog checks that a server-side failure gives a
// plain 500 with no detail, and that the detail is logged.
func TestInternalErrorsStayInTheLog(t *testing.T) {
	const secret = "disk failure at /secret/path"
	tests := []struct {
		name  string
		ix    failingIndex
		path  string
		ctype string
	}{
		{"html error", failingIndex{err: errors.New(secret)}, "/cases?q=x", ctHTML},
		{"json error", failingIndex{err: errors.New(secret)}, "/api/v1/search?q=x", ctJSON},
		{"csv error", failingIndex{err: errors.New(secret)}, "/api/v1/search?format=csv", ctJSON},
		{"html panic", failingIndex{panic: true}, "/cases", ctHTML},
		{"json panic", failingIndex{panic: true}, "/api/v1/search", ctJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, logBuf := newTestServer(t, Config{})
			cat, _ := testIndex(t)
			srv.setState(newState(cat, tt.ix, cat.Problems))
			w := get(t, srv, tt.path)
			if w.Code != 500 || w.Header().Get("Content-Type") != tt.ctype {
				t.Fatalf("status %d %q, want 500 %q", w.Code, w.Header().Get("Content-Type"), tt.ctype)
			}
			if strings.Contains(w.Body.String(), "secret") {
				t.Errorf("response shows internal detail:\n%s", w.Body.String())
			}
			if tt.ctype == ctJSON && !strings.Contains(w.Body.String(), `"code":"internal"`) {
				t.Errorf("JSON error body = %s", w.Body.String())
			}
			if !strings.Contains(logBuf.String(), "/secret/path") {
				t.Errorf("log lacks the cause:\n%s", logBuf.String())
			}
		})
	}
}

// TestNoServerErrors sends odd and hostile input to every route and checks
// that none answers 5xx.
func TestNoServerErrors(t *testing.T) {
	srv, logBuf := newTestServer(t, Config{})
	queries := []string{
		"", "q=", "q=%ff%fe", "q=%00", "q=" + strings.Repeat("a", 600), "q=" + strings.Repeat("word+", 40),
		"q=%22unclosed", "q=-", "q=--x", "q=*", "q=%2F.*%2F", "q=title:x", "q=a~2", "q=%E2%80%AE", "q=日本語",
		"factor=nope", "factor=", "factor=%ff", "tag=<script>", "sector=" + strings.Repeat("s", 3000),
		"level=city", "status=Ongoing", "country=canada", "year_from=abc", "year_from=-1", "year_from=99999999999999999999",
		"year_from=2020&year_to=2010", "year_to=0", "sort=random", "sort=TITLE", "page=0", "page=-1", "page=99999999",
		"page=1.5", "per_page=0", "per_page=101", "per_page=1e3", "format=xml", "format=CSV", "q=a;b", "%zz", "q=%",
		"page=2&page=3", "q=a&q=b", strings.Repeat("factor=collaboration&", 60), "x=%ff", "%ff=x",
	}
	paths := []string{"/cases", "/api/v1/search", "/", "/cases/community-hubs", "/factors/collaboration", "/feed.xml"}
	for _, p := range paths {
		for _, q := range queries {
			target := withQuery(p, q)
			req, err := http.NewRequest("GET", "http://casebook.test"+target, nil)
			if err != nil {
				t.Fatal(err)
			}
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, req)
			if w.Code >= 500 {
				t.Errorf("GET %s: %d\n%s", target, w.Code, truncate(w.Body.String(), 500))
			}
			if strings.HasPrefix(p, "/api/") && w.Code >= 400 && !strings.Contains(w.Body.String(), `"code":"bad_request"`) {
				t.Errorf("GET %s: %d without a bad_request code: %s", target, w.Code, w.Body.String())
			}
		}
	}
	for _, p := range []string{"/cases/%ff", "/factors/%00", "/cases/" + strings.Repeat("a", 5000), "/api/v1/cases/%E2%80%AE",
		"/static/%2e%2e%2f%2e%2e%2fgo.mod", "/%2e%2e/%2e%2e/etc/passwd", "/cases/a%2fb", "/api/v1/search/", "/a/b/c/d"} {
		if w := get(t, srv, p); w.Code >= 500 {
			t.Errorf("GET %s: %d", p, w.Code)
		}
	}
	if strings.Contains(logBuf.String(), "level=ERROR") {
		t.Errorf("errors logged:\n%s", logBuf.String())
	}
}
