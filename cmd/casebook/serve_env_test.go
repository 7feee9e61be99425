package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/metrics"
	"github.com/casebook/casebook/internal/webtest"
)

// TestServeEnvironment checks serve's configuration from CASEBOOK_<FLAG>
// variables: used when the flag is absent, the flag wins, an empty variable
// is unset, and a bad value stops with exit 2 naming the variable.
func TestServeEnvironment(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		environ []string
		code    int
		check   func(o serveOptions) bool // for code 0
		want    string                    // in stderr, for other codes
		notWant string
	}{
		{name: "env used", environ: []string{"CASEBOOK_ADDR=127.0.0.1:9001", "CASEBOOK_INDEX=/srv/index"},
			check: func(o serveOptions) bool { return o.addr == "127.0.0.1:9001" && o.index == "/srv/index" }},
		{name: "flag wins", args: []string{"--addr", "127.0.0.1:9002"}, environ: []string{"CASEBOOK_ADDR=127.0.0.1:9001"},
			check: func(o serveOptions) bool { return o.addr == "127.0.0.1:9002" }},
		{name: "flag wins over a bad value", args: []string{"--addr", "127.0.0.1:9002"}, environ: []string{"CASEBOOK_ADDR=nonsense"},
			check: func(o serveOptions) bool { return o.addr == "127.0.0.1:9002" }},
		{name: "empty is unset", environ: []string{"CASEBOOK_ADDR="},
			check: func(o serveOptions) bool { return o.addr == defaultAddr }},
		{name: "bool and dashed names", environ: []string{"CASEBOOK_WATCH=true", "CASEBOOK_CONTENT=/srv/content", "CASEBOOK_METRICS_ADDR=127.0.0.1:9090", "CASEBOOK_LOG_FORMAT=json", "CASEBOOK_BASE_URL=https://casebook.example.org"},
			check: func(o serveOptions) bool {
				return o.watch && o.content == "/srv/content" && o.metricsAddr == "127.0.0.1:9090" && o.logJSON && o.baseURL == "https://casebook.example.org"
			}},
		{name: "unknown variable is reported", environ: []string{"CASEBOOK_ADRR=127.0.0.1:1", "OTHER=1"},
			check: func(o serveOptions) bool {
				return slices.Equal(o.unknownEnv, []string{"CASEBOOK_ADRR"}) && o.addr == defaultAddr
			}},
		{name: "bad bool", environ: []string{"CASEBOOK_WATCH=maybe"}, code: exitUsage, want: "CASEBOOK_WATCH"},
		{name: "bad addr", environ: []string{"CASEBOOK_ADDR=nonsense"}, code: exitUsage, want: `CASEBOOK_ADDR "nonsense" is not HOST:PORT`},
		{name: "bad addr by flag", args: []string{"--addr", "nonsense"}, code: exitUsage, want: `--addr "nonsense"`, notWant: "CASEBOOK_"},
		{name: "bad metrics addr", environ: []string{"CASEBOOK_METRICS_ADDR=9090"}, code: exitUsage, want: "CASEBOOK_METRICS_ADDR"},
		{name: "bad log format", environ: []string{"CASEBOOK_LOG_FORMAT=xml"}, code: exitUsage, want: "CASEBOOK_LOG_FORMAT"},
		{name: "bad log format by flag", args: []string{"--log-format", "xml"}, code: exitUsage, want: "--log-format"},
		{name: "watch without content", environ: []string{"CASEBOOK_WATCH=1"}, code: exitUsage, want: "CASEBOOK_WATCH needs --content"},
		{name: "bad base url", environ: []string{"CASEBOOK_BASE_URL=example.org"}, code: exitUsage, want: "CASEBOOK_BASE_URL"},
		{name: "bad edit url", environ: []string{"CASEBOOK_EDIT_URL=https://example.org/edit"}, code: exitUsage, want: "CASEBOOK_EDIT_URL: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			environ := tt.environ
			env := &cliEnv{stdout: io.Discard, stderr: &stderr, environ: func() []string { return environ }}
			o, code, ok := parseServe(env, tt.args)
			if !ok && code != tt.code || ok && tt.code != 0 {
				t.Fatalf("ok %v, exit %d, want exit %d; stderr:\n%s", ok, code, tt.code, stderr.String())
			}
			if ok && !tt.check(o) {
				t.Errorf("options %+v do not match", o)
			}
			if !ok && (!strings.Contains(stderr.String(), tt.want) || tt.notWant != "" && strings.Contains(stderr.String(), tt.notWant)) {
				t.Errorf("stderr lacks %q (or has %q):\n%s", tt.want, tt.notWant, stderr.String())
			}
		})
	}
}

// TestServeMetricsAndJSONLog serves a catalogue with --metrics-addr and
// --log-format json, sends requests, and reads the metrics back with the
// Prometheus text parser: the catalogue's counts, the index time and the
// request counters moving; every log line is JSON.
func TestServeMetricsAndJSONLog(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"cases/one.md":             caseText(validFront),
		"factors/collaboration.md": "---\ntitle: A culture of collaboration\nsummary: Working together.\n---\n",
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr webtest.LogBuffer
	metricsAddr := make(chan string, 1)
	o := serveOptions{content: dir, metricsAddr: "127.0.0.1:0", logJSON: true, unknownEnv: []string{"CASEBOOK_ADRR"},
		metricsListening: func(a string) { metricsAddr <- a }}
	base, done := startServe(t, ctx, cancel, o, &stderr)
	mURL := "http://" + <-metricsAddr + "/metrics"
	waitHealthy(t, base, &stderr)
	before := scrapeURL(t, mURL)
	for _, p := range []string{"/cases/one", "/cases/one", "/cases/nothing", "/api/v1/search?q=good"} {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	after := scrapeURL(t, mURL)
	moved := func(name string, labels map[string]string) float64 {
		return after.Value(name, labels) - max(before.Value(name, labels), 0)
	}
	for _, tc := range []struct {
		name string
		got  float64
		want float64
	}{
		{"cases", after.Value("casebook_cases", nil), 1},
		{"factors", after.Value("casebook_factors", nil), 1},
		{"case pages", moved("casebook_http_requests_total", map[string]string{"route": "/cases/:slug", "status": "200"}), 2},
		{"missing case", moved("casebook_http_requests_total", map[string]string{"route": "/cases/:slug", "status": "404"}), 1},
		{"searches", moved("casebook_search_duration_seconds", nil), 1},
		{"reloads", after.Value("casebook_reloads_total", map[string]string{"result": "ok"}), 0},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if after.Metric("casebook_index_seconds", map[string]string{"source": "built"}) == nil || after["go_goroutines"] == nil || after["casebook_build_info"] == nil {
		t.Errorf("index time, runtime collectors or build info missing: %v", after)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("exit %d", code)
	}
	if _, err := http.Get(mURL); err == nil {
		t.Errorf("the metrics listener still answers after shutdown")
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	for _, l := range lines {
		var rec struct {
			Msg string `json:"msg"`
		}
		if err := json.Unmarshal([]byte(l), &rec); err != nil || rec.Msg == "" {
			t.Errorf("log line is not JSON with a msg: %q", l)
		}
	}
	if !strings.Contains(stderr.String(), `"variable":"CASEBOOK_ADRR"`) {
		t.Errorf("no warning about the unknown variable:\n%s", stderr.String())
	}
}

func waitHealthy(t *testing.T, base string, log *webtest.LogBuffer) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("not healthy in time:\n%s", log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func scrapeURL(t *testing.T, u string) metrics.Families {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	fams, err := metrics.ParseText(resp.Body)
	if err != nil {
		t.Fatalf("parsing %s: %v", u, err)
	}
	return fams
}
