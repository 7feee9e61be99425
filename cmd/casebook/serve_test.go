package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/internal/web"
	"github.com/casebook/casebook/internal/webtest"
)

// TestEmbeddedCatalogue is a smoke test: the real catalogue serves its home page.
func TestEmbeddedCatalogue(t *testing.T) {
	srv, err := web.New(web.Config{Guide: content.Guide})
	if err != nil {
		t.Fatal(err)
	}
	cat, ix, err := loadIndex(content.FS, catalog.Load, "", slog.New(slog.DiscardHandler), &catalog.ProblemLog{})
	if err != nil {
		t.Fatal(err)
	}
	srv.Publish(cat, ix, cat.Problems)
	defer srv.Close()
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "http://casebook.test/", nil))
	if w.Code != 200 || !strings.Contains(w.Body.String(), "Browse by success factor") {
		t.Fatalf("home: %d\n%.1000s", w.Code, w.Body.String())
	}
	webtest.CheckPage(t, w.Body.String())
}

// TestServeCommand runs casebook serve on a free port and stops it.
func TestServeCommand(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"cases/one.md":             caseText(validFront),
		"factors/collaboration.md": "---\ntitle: A culture of collaboration\nsummary: Working together.\n---\n",
		"cases/bad.md":             caseText(strings.Replace(validFront, "level: local", "level: city", 1)),
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr webtest.LogBuffer
	base, done := startServe(t, ctx, cancel, serveOptions{content: dir}, &stderr)
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == 200 {
			break
		}
		if resp.StatusCode != 503 || time.Now().After(deadline) {
			t.Fatalf("/healthz: %d", resp.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
	resp, err := http.Get(base + "/cases/one")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "Good case") {
		t.Errorf("/cases/one: %d", resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit code %d, want 0", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
	log := stderr.String()
	for _, want := range []string{"msg=listening", "msg=\"content problem\"", "cases/bad.md", "msg=ready", "msg=request", "msg=\"shutting down\""} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

func TestServeUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"watch without content", []string{"serve", "--watch"}, exitUsage, "--watch needs --content"},
		{"bad addr", []string{"serve", "--addr", "nonsense"}, exitUsage, "not HOST:PORT"},
		{"edit url without path", []string{"serve", "--edit-url", "https://example.org/edit"}, exitUsage, "{path}"},
		{"edit url scheme", []string{"serve", "--edit-url", "javascript:alert('{path}')"}, exitUsage, "http or https"},
		{"base url", []string{"serve", "--base-url", "example.org"}, exitUsage, "--base-url"},
		{"extra argument", []string{"serve", "extra"}, exitUsage, "unexpected argument"},
		{"no content folder", []string{"serve", "--content", "/no/such/folder", "--addr", "127.0.0.1:0"}, exitInvalid, "not found"},
		{"default command flags", []string{"--watch"}, exitUsage, "--watch needs --content"},
		{"help", []string{"serve", "--help"}, exitOK, "--edit-url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
		})
	}
}

const serveHelperEnv = "CASEBOOK_TEST_SERVE_HELPER"

// helperDelayHeader makes the helper hold a request this long before
// handling it, and report it on stderr as in flight.
const helperDelayHeader = "X-Test-Delay"

// TestServeHelperProcess is not a test on its own: it is the server
// process of TestGracefulShutdown, which runs it with serveHelperEnv set
// and the casebook command line after "--".
func TestServeHelperProcess(t *testing.T) {
	if os.Getenv(serveHelperEnv) != "1" {
		t.Skip("the server process of TestGracefulShutdown")
	}
	wrapHandler = func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if d, err := time.ParseDuration(r.Header.Get(helperDelayHeader)); err == nil {
				fmt.Fprintf(os.Stderr, "helper: in flight %s\n", r.URL.Path)
				time.Sleep(d)
			}
			h.ServeHTTP(w, r)
		})
	}
	os.Exit(run(flag.Args(), &cliEnv{stdout: os.Stdout, stderr: os.Stderr, stdin: strings.NewReader("")}))
}

func TestGracefulShutdown(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	dir := t.TempDir()
	c := corpus.Generate(200, 1)
	if err := c.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeHelperProcess$", "--", "serve", "--content", dir, "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), serveHelperEnv+"=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	waited := make(chan struct{})
	var logMu sync.Mutex
	var log strings.Builder
	ready := make(chan string, 1)
	inFlight := make(chan struct{}, 100)
	go func() {
		readyURL := regexp.MustCompile(`msg=ready url=(http://127\.0\.0\.1:\d+)/`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			logMu.Lock()
			log.WriteString(line + "\n")
			logMu.Unlock()
			if m := readyURL.FindStringSubmatch(line); m != nil {
				ready <- m[1]
			}
			if strings.HasPrefix(line, "helper: in flight") {
				inFlight <- struct{}{}
			}
		}
		exited <- cmd.Wait()
		close(waited)
	}()
	defer func() {
		select {
		case <-waited:
		default:
			cmd.Process.Kill()
		}
	}()
	serverLog := func() string {
		logMu.Lock()
		defer logMu.Unlock()
		return log.String()
	}

	var base string
	select {
	case base = <-ready:
	case err := <-exited:
		t.Fatalf("the server exited early (%v):\n%s", err, serverLog())
	case <-time.After(60 * time.Second):
		t.Fatalf("the server did not become ready:\n%s", serverLog())
	}

	slug := strings.TrimSuffix(strings.TrimPrefix(c.Cases[0].Path, "cases/"), ".md")
	targets := []string{"/", "/cases?q=service", "/cases/" + slug, "/api/v1/search?q=open+data&factor=collaboration",
		"/api/v1/search?format=csv", "/api/v1/cases/" + slug, "/factors", "/feed.xml", "/sitemap.xml", "/about",
		"/cases?factor=collaboration&page=2", "/api/v1/factors"}
	const delay = 2 * time.Second
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 30 * time.Second}
	type result struct {
		target string
		status int
		body   int
		err    error
	}
	results := make(chan result, len(targets))
	var completed atomic.Int32
	for _, target := range targets {
		go func() {
			req, _ := http.NewRequest(http.MethodGet, base+target, nil)
			req.Header.Set(helperDelayHeader, delay.String())
			resp, err := client.Do(req)
			if err != nil {
				results <- result{target: target, err: err}
				return
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			completed.Add(1)
			results <- result{target, resp.StatusCode, len(b), err}
		}()
	}
	for range targets {
		select {
		case <-inFlight:
		case <-time.After(20 * time.Second):
			t.Fatalf("requests did not reach the server:\n%s", serverLog())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// The listener closes at once; the requests are still in flight.
	refused := false
	for deadline := time.Now().Add(delay / 2); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		conn, err := net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), time.Second)
		if err != nil {
			refused = true
			break
		}
		conn.Close()
	}
	if !refused {
		t.Errorf("the server still accepted connections after SIGTERM")
	} else if n := completed.Load(); n != 0 {
		t.Errorf("%d requests completed before the listener closed: they were not in flight", n)
	}
	for range targets {
		r := <-results
		if r.err != nil || r.status != 200 || r.body == 0 {
			t.Errorf("in-flight %s: status %d, %d bytes, %v", r.target, r.status, r.body, r.err)
		}
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("the server exited with %v, want 0:\n%s", err, serverLog())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("the server did not exit after SIGTERM:\n%s", serverLog())
	}
	l := serverLog()
	if !strings.Contains(l, `msg="shutting down"`) || strings.Contains(l, "level=ERROR") {
		t.Errorf("server log:\n%s", l)
	}
}

// startServe runs serve with o on a free loopback port in the background,
// logging to log, and returns its base URL once it listens and a channel
// that receives its exit code. cancel, which ends ctx, is called if serve
// fails to start.
func startServe(t *testing.T, ctx context.Context, cancel func(), o serveOptions, log *webtest.LogBuffer) (string, <-chan int) {
	t.Helper()
	addrc := make(chan string, 1)
	done := make(chan int, 1)
	o.addr, o.listening = "127.0.0.1:0", func(a string) { addrc <- a }
	go func() { done <- serve(ctx, &cliEnv{stdout: io.Discard, stderr: log}, o) }()
	select {
	case a := <-addrc:
		return "http://" + a, done
	case code := <-done:
		t.Fatalf("serve exited with %d:\n%s", code, log)
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatal("serve did not start listening")
	}
	return "", done
}
