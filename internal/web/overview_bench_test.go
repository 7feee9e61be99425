package web

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/internal/corpus"
)

// BenchmarkOverviewVsSearch times, in the same run and alternately, the
// overview of all cases (/overview) and plain searches of the benchmark
// query mix (/cases), on 10,000 generated cases, and reports each one's
// median and their ratio (overview-p50/search-p50; the goal is at most 2):
//
//	go test -run '^$' -bench OverviewVsSearch -benchtime 200x ./internal/web
func BenchmarkOverviewVsSearch(b *testing.B) {
	gin.SetMode(gin.TestMode)
	srv, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	cat, ix := costIndex(b, 10000)
	srv.setState(newState(cat, ix, cat.Problems))
	var searches []string
	for _, q := range corpus.Queries() {
		v := url.Values{"q": {q.Text}}
		if q.Factor != "" {
			v.Set("factor", q.Factor)
		}
		searches = append(searches, "/cases?"+v.Encode())
	}
	timeOne := func(target string) time.Duration {
		req, _ := http.NewRequest(http.MethodGet, "http://casebook.test"+target, nil)
		w := &discardWriter{h: http.Header{}}
		start := time.Now()
		srv.ServeHTTP(w, req)
		d := time.Since(start)
		if w.code != 200 {
			b.Fatalf("%s: status %d", target, w.code)
		}
		return d
	}
	var overview, search []time.Duration
	i := 0
	for b.Loop() {
		overview = append(overview, timeOne("/overview"))
		search = append(search, timeOne(searches[i%len(searches)]))
		i++
	}
	p50 := func(ds []time.Duration) float64 {
		slices.Sort(ds)
		return float64(ds[len(ds)/2]) / float64(time.Millisecond)
	}
	ov, se := p50(overview), p50(search)
	b.ReportMetric(ov, "overview-p50-ms")
	b.ReportMetric(se, "search-p50-ms")
	b.ReportMetric(ov/se, "ratio")
}
