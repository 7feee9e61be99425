package metrics

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// scrape fetches /metrics from m's server handler and parses it with the
// Prometheus text parser.
func scrape(t *testing.T, m *Metrics) Families {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Server("").Handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics: %d", rec.Code)
	}
	fams, err := ParseText(rec.Body)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return fams
}

func TestMetricsMove(t *testing.T) {
	m := New()
	before := scrape(t, m)
	for _, name := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "process_resident_memory_bytes", "casebook_build_info"} {
		if before[name] == nil {
			t.Errorf("%s missing", name)
		}
	}
	if v := before.Value("casebook_reloads_total", map[string]string{"result": "failed"}); v != 0 {
		t.Errorf("failed reloads before any: %v, want 0", v)
	}

	m.ObserveRequest("/cases/:slug", 200, 3*time.Millisecond)
	m.ObserveRequest("/cases/:slug", 200, 5*time.Millisecond)
	m.ObserveRequest("/cases/:slug", 404, time.Millisecond)
	m.ObserveRequest("", 404, time.Millisecond)
	m.ObserveSearch(12 * time.Millisecond)
	m.SetCatalog(32, 12, 3, "3f2a9c1")
	m.ObserveIndex(1500*time.Millisecond, true)
	m.Reloaded(true)
	m.Reloaded(false)
	m.Reloaded(true)
	m.SetCatalog(33, 12, 0, "4b5c6d7")
	m.ObserveIndex(40*time.Millisecond, false)

	after := scrape(t, m)
	for _, tc := range []struct {
		name   string
		family string
		labels map[string]string
		want   float64
	}{
		{"requests 200", "casebook_http_requests_total", map[string]string{"route": "/cases/:slug", "status": "200"}, 2},
		{"requests 404", "casebook_http_requests_total", map[string]string{"route": "/cases/:slug", "status": "404"}, 1},
		{"unmatched route", "casebook_http_requests_total", map[string]string{"route": "unmatched", "status": "404"}, 1},
		{"latency count", "casebook_http_request_duration_seconds", map[string]string{"route": "/cases/:slug", "status": "200"}, 2},
		{"search count", "casebook_search_duration_seconds", nil, 1},
		{"cases", "casebook_cases", nil, 33},
		{"factors", "casebook_factors", nil, 12},
		{"problems", "casebook_content_problems", nil, 0},
		{"index loaded", "casebook_index_seconds", map[string]string{"source": "loaded"}, 0.04},
		{"index built gone", "casebook_index_seconds", map[string]string{"source": "built"}, -1},
		{"reloads ok", "casebook_reloads_total", map[string]string{"result": "ok"}, 2},
		{"reloads failed", "casebook_reloads_total", map[string]string{"result": "failed"}, 1},
		{"build info", "casebook_build_info", map[string]string{"content_version": "4b5c6d7"}, 1},
		{"old content version gone", "casebook_build_info", map[string]string{"content_version": "3f2a9c1"}, -1},
	} {
		if got := after.Value(tc.family, tc.labels); got != tc.want {
			t.Errorf("%s: %s%v = %v, want %v", tc.name, tc.family, tc.labels, got, tc.want)
		}
	}
	h := after.Metric("casebook_http_request_duration_seconds", map[string]string{"route": "/cases/:slug", "status": "200"}).Histogram
	if s := h.GetSampleSum(); s < 0.0079 || s > 0.0081 {
		t.Errorf("latency sum %v, want 0.008", s)
	}
}

func TestServerServesOnlyMetrics(t *testing.T) {
	h := New().Server("127.0.0.1:0").Handler
	for path, want := range map[string]int{"/metrics": 200, "/": 404, "/cases": 404} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != want {
			t.Errorf("GET %s: %d, want %d", path, rec.Code, want)
		}
	}
}
