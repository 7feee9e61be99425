package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"
)

var (
	fuzzSrvOnce sync.Once
	fuzzSrv     *Server
)

// fuzzServer is a server for the web test catalogue with its log
// discarded, built once for all fuzz inputs.
func fuzzServer(t *testing.T) *Server {
	fuzzSrvOnce.Do(func() {
		gin.SetMode(gin.TestMode)
		srv, err := New(Config{})
		if err != nil {
			t.Fatal(err)
		}
		cat, ix := testIndex(t)
		srv.setState(newState(cat, ix, cat.Problems))
		fuzzSrv = srv
	})
	if fuzzSrv == nil {
		t.Fatal("no fuzz server")
	}
	return fuzzSrv
}

// FuzzSearchHandler sends any raw query string to /api/v1/search and
// /cases: the answer is always below 500, JSON under /api (an error with
// the code bad_request), HTML on the page, and the recovery middleware
// never runs. Its seeds in testdata/fuzz/FuzzSearchHandler run with every
// go test; to search for more:
//
//	go test -run '^$' -fuzz FuzzSearchHandler -fuzztime 60s ./internal/web
func FuzzSearchHandler(f *testing.F) {
	for _, s := range []string{
		"", "q=hubs", "q=%22community+hubs%22+-budget&factor=collaboration&sort=title&page=1&per_page=5",
		"q=title:x*&year_from=2020&year_to=2010", "format=csv&q=hubs", "per_page=99999999999999999999",
		"q=%ff", "%zz", "q=a;b", "factor=a&factor=b&level=x&status=y&country=z&tag=t&sector=s",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		srv := fuzzServer(t)
		before := srv.recoveries.Load()
		for _, path := range []string{"/api/v1/search", "/cases"} {
			req := httptest.NewRequest(http.MethodGet, "http://casebook.test"+path, nil)
			req.URL.RawQuery = raw
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, req)
			if w.Code >= 500 {
				t.Fatalf("GET %s?%q: %d\n%s", path, raw, w.Code, truncate(w.Body.String(), 1000))
			}
			ct := w.Header().Get("Content-Type")
			if path == "/cases" {
				if loc := w.Header().Get("Location"); w.Code == 302 {
					// empty parameters dropped: the clean address must answer the page
					if r := get(t, srv, loc); !strings.HasPrefix(loc, "/cases") || hasEmptyParam(afterQuestionMark(loc)) || r.Code != 200 {
						t.Fatalf("GET %s?%q: redirected to %q, which answers %d", path, raw, loc, r.Code)
					}
					continue
				}
				if ct != ctHTML || (w.Code != 200 && w.Code != 400) {
					t.Fatalf("GET %s?%q: %d %q", path, raw, w.Code, ct)
				}
				continue
			}
			if w.Code == 200 && ct == "text/csv; charset=utf-8" {
				continue
			}
			if ct != ctJSON || !json.Valid(w.Body.Bytes()) {
				t.Fatalf("GET %s?%q: %d %q, not JSON: %s", path, raw, w.Code, ct, truncate(w.Body.String(), 500))
			}
			if w.Code != 200 {
				var e errorJSON
				if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || w.Code != 400 || e.Error.Code != "bad_request" || strings.TrimSpace(e.Error.Message) == "" {
					t.Fatalf("GET %s?%q: %d %s", path, raw, w.Code, w.Body.String())
				}
			}
		}
		if n := srv.recoveries.Load(); n != before {
			t.Fatalf("GET ?%q: the recovery middleware ran", raw)
		}
	})
}
