// Package metrics keeps Casebook's Prometheus metrics: HTTP requests by
// route and status, search latency, the catalogue loaded, the index's build
// or load time, reloads, build information and the Go runtime and process
// collectors. It knows nothing of gin or of Casebook's other packages: the
// web layer calls it from its middleware.
package metrics

import (
	"errors"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is one registry of Casebook's metrics. It is safe for concurrent
// use.
type Metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	search    prometheus.Histogram
	cases     prometheus.Gauge
	factors   prometheus.Gauge
	problems  prometheus.Gauge
	index     *prometheus.GaugeVec
	reloads   *prometheus.CounterVec
	buildInfo *prometheus.GaugeVec
	version   string
}

// latencyBuckets run from half a millisecond to about eight seconds.
var latencyBuckets = prometheus.ExponentialBuckets(0.0005, 2, 15)

// New returns a registry with every metric, the runtime collectors, and
// build info naming this binary's version (content version unknown until
// SetCatalog).
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "casebook_http_requests_total", Help: "HTTP requests answered, by route and status code.",
		}, []string{"route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "casebook_http_request_duration_seconds", Help: "Time to answer an HTTP request, by route and status code.", Buckets: latencyBuckets,
		}, []string{"route", "status"}),
		search: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "casebook_search_duration_seconds", Help: "Time to run one search on the index.", Buckets: latencyBuckets,
		}),
		cases:    prometheus.NewGauge(prometheus.GaugeOpts{Name: "casebook_cases", Help: "Cases in the catalogue served."}),
		factors:  prometheus.NewGauge(prometheus.GaugeOpts{Name: "casebook_factors", Help: "Success factors in the catalogue served."}),
		problems: prometheus.NewGauge(prometheus.GaugeOpts{Name: "casebook_content_problems", Help: "Problems found in the content files served (errors and warnings)."}),
		index: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "casebook_index_seconds", Help: "Time the search index of the catalogue served took to be ready; source is built (indexed here) or loaded (an index on disk reused).",
		}, []string{"source"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "casebook_reloads_total", Help: "Reloads of the catalogue after content changed, by result (ok or failed).",
		}, []string{"result"}),
		buildInfo: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "casebook_build_info", Help: "Always 1; the labels name the version of the binary and of the content served.",
		}, []string{"version", "content_version"}),
		version: binaryVersion(),
	}
	m.reg.MustRegister(m.requests, m.latency, m.search, m.cases, m.factors, m.problems, m.index, m.reloads, m.buildInfo,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.reloads.WithLabelValues("ok")
	m.reloads.WithLabelValues("failed")
	m.buildInfo.WithLabelValues(m.version, "").Set(1)
	return m
}

// binaryVersion is the module version, or the VCS revision of a source
// build, or "unknown".
func binaryVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 7 {
			return s.Value[:7]
		}
	}
	return "devel"
}

// ObserveRequest counts one answered request. route must be the route's
// pattern (e.g. /cases/:slug), never the raw path, or "unmatched": every
// distinct value is a new time series.
func (m *Metrics) ObserveRequest(route string, status int, d time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	code := strconv.Itoa(status)
	m.requests.WithLabelValues(route, code).Inc()
	m.latency.WithLabelValues(route, code).Observe(d.Seconds())
}

// ObserveSearch records the time one search took.
func (m *Metrics) ObserveSearch(d time.Duration) { m.search.Observe(d.Seconds()) }

// SetCatalog records the catalogue now served: its counts and its content
// version (the short hash the pages show), which replaces the previous one
// in casebook_build_info.
func (m *Metrics) SetCatalog(cases, factors, problems int, contentVersion string) {
	m.cases.Set(float64(cases))
	m.factors.Set(float64(factors))
	m.problems.Set(float64(problems))
	m.buildInfo.Reset()
	m.buildInfo.WithLabelValues(m.version, contentVersion).Set(1)
}

// ObserveIndex records how long the search index took to be ready, and
// whether it was built (true) or loaded from disk (false).
func (m *Metrics) ObserveIndex(d time.Duration, built bool) {
	source := "loaded"
	if built {
		source = "built"
	}
	m.index.Reset()
	m.index.WithLabelValues(source).Set(d.Seconds())
}

// Reloaded counts a reload of the catalogue, successful or not.
func (m *Metrics) Reloaded(ok bool) {
	if ok {
		m.reloads.WithLabelValues("ok").Inc()
	} else {
		m.reloads.WithLabelValues("failed").Inc()
	}
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Server returns an HTTP server for addr (for --metrics-addr) that serves
// the metrics at /metrics and nothing else, with timeouts fit for a
// scraper. The caller listens, serves and shuts it down.
func (m *Metrics) Server(addr string) *http.Server {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	return &http.Server{
		Addr:              addr,
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
}

// Listen serves m at http://addr/metrics on a listener of its own until the
// returned server is shut down; problems after the start are logged.
// listening, if set, is told the address listened on.
func (m *Metrics) Listen(addr string, log *slog.Logger, listening func(string)) (*http.Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	hs := m.Server(addr)
	hs.ErrorLog = slog.NewLogLogger(log.Handler(), slog.LevelWarn)
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server stopped", "err", err)
		}
	}()
	log.Info("metrics", "url", "http://"+ln.Addr().String()+"/metrics")
	if listening != nil {
		listening(ln.Addr().String())
	}
	return hs, nil
}
