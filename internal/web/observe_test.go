package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/casebook/casebook/internal/metrics"
)

// TestMetricsCountRequests sends requests through the real handler with
// real metrics and reads them back with the Prometheus text parser: counts
// go by route pattern and status, searches are timed.
func TestMetricsCountRequests(t *testing.T) {
	m := metrics.New()
	srv, _ := newTestServer(t, Config{Metrics: m})
	cat, ix := testIndex(t)
	srv.Publish(cat, ix, cat.Problems)
	before := scrapeMetrics(t, m)
	if got := before.Value("casebook_cases", nil); got != float64(len(cat.Cases)) {
		t.Errorf("casebook_cases after Publish = %v, want %d", got, len(cat.Cases))
	}
	if got := before.Value("casebook_content_problems", nil); got != float64(len(cat.Problems)) || got == 0 {
		t.Errorf("casebook_content_problems after Publish = %v, want %d (not 0)", got, len(cat.Problems))
	}
	for _, target := range []string{
		"/cases/porto-alegre-budget", "/cases/porto-alegre-budget",
		"/cases/no-such-case", "/no/such/page", "/api/v1/search?q=budget", "/cases?q=budget",
	} {
		get(t, srv, target)
	}
	after := scrapeMetrics(t, m)
	for _, tc := range []struct {
		name   string
		family string
		labels map[string]string
		want   float64
	}{
		{"case pages", "casebook_http_requests_total", map[string]string{"route": "/cases/:slug", "status": "200"}, 2},
		{"missing case", "casebook_http_requests_total", map[string]string{"route": "/cases/:slug", "status": "404"}, 1},
		{"no route", "casebook_http_requests_total", map[string]string{"route": unmatchedRoute, "status": "404"}, 1},
		{"api search", "casebook_http_requests_total", map[string]string{"route": "/api/v1/search", "status": "200"}, 1},
		{"latency by route", "casebook_http_request_duration_seconds", map[string]string{"route": "/cases/:slug", "status": "200"}, 2},
		{"searches timed", "casebook_search_duration_seconds", nil, 2},
		{"raw path never a label", "casebook_http_requests_total", map[string]string{"route": "/no/such/page"}, -1},
	} {
		if got := after.Value(tc.family, tc.labels) - max(before.Value(tc.family, tc.labels), 0); got != tc.want {
			t.Errorf("%s: %s%v moved by %v, want %v", tc.name, tc.family, tc.labels, got, tc.want)
		}
	}
}

// TestNoObserverNoMetrics checks that a server without metrics serves as before.
func TestNoObserverNoMetrics(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	if w := get(t, srv, "/api/v1/search?q=budget"); w.Code != http.StatusOK {
		t.Fatalf("search without metrics: %d", w.Code)
	}
}

func scrapeMetrics(t *testing.T, m *metrics.Metrics) metrics.Families {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	fams, err := metrics.ParseText(rec.Body)
	if err != nil {
		t.Fatalf("parsing /metrics: %v", err)
	}
	return fams
}
