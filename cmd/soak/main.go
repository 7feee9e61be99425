//go:build linux

// Command soak runs the real casebook binary against a generated corpus
// under mixed load and checks that it holds up. It is not part of go test.
//
//	go run ./cmd/soak -n 10000 -duration 60s -c 32
//
// It generates the corpus (internal/corpus) in a temporary folder, builds
// ./cmd/casebook, starts "casebook serve" on a free loopback port, waits for
// /healthz, warms up, then runs mixed searches (API and page), case, factor,
// home and feed pages and a few hostile requests for -duration at
// concurrency -c. It prints the requests, throughput, status counts, 5xx,
// connection errors, latency percentiles and the server's RSS (VmRSS from
// /proc) after warm-up and at the end, then stops the server with SIGTERM.
//
// PASS needs: zero 5xx, zero connection errors, no status other than the
// one each request expects, and RSS at the end within -rss-tolerance of
// RSS after warm-up. The exit code is 0 on PASS, 1 on FAIL, 2 on bad usage.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/casebook/casebook/internal/corpus"
)

type options struct {
	n            int
	duration     time.Duration
	warmup       time.Duration
	concurrency  int
	seed         uint64
	bin          string
	readyTimeout time.Duration
	rssTolerance float64
	keep         bool
}

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	var o options
	fs := flag.NewFlagSet("soak", flag.ContinueOnError)
	fs.IntVar(&o.n, "n", 10000, "number of generated cases")
	fs.DurationVar(&o.duration, "duration", 60*time.Second, "length of the measured load")
	fs.DurationVar(&o.warmup, "warmup", 15*time.Second, "load before the measured run, after which the baseline RSS is taken")
	fs.IntVar(&o.concurrency, "c", 32, "concurrent clients")
	fs.Uint64Var(&o.seed, "seed", 1, "corpus and request-mix seed")
	fs.StringVar(&o.bin, "bin", "", "casebook binary to run (default: build ./cmd/casebook)")
	fs.DurationVar(&o.readyTimeout, "ready-timeout", 5*time.Minute, "how long the server may take to load and index")
	fs.Float64Var(&o.rssTolerance, "rss-tolerance", 0.20, "allowed RSS growth from after warm-up to the end, as a fraction")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary folder (corpus, binary, server log)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || o.n < 1 || o.concurrency < 1 || o.duration <= 0 || o.warmup < 0 || o.rssTolerance <= 0 {
		fmt.Fprintln(os.Stderr, "usage: soak [-n 10000] [-duration 60s] [-warmup 15s] [-c 32] [-seed 1] [-bin PATH] [-keep]")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ok, err := soak(ctx, o)
	if err != nil {
		fmt.Fprintf(os.Stderr, "soak: %v\n", err)
		return 1
	}
	if !ok {
		return 1
	}
	return 0
}

func soak(ctx context.Context, o options) (bool, error) {
	fmt.Printf("soak: %d cases, concurrency %d, warm-up %v, duration %v, seed %d (%s, %d CPUs)\n",
		o.n, o.concurrency, o.warmup, o.duration, o.seed, runtime.Version(), runtime.NumCPU())
	tmp, err := os.MkdirTemp("", "casebook-soak-")
	if err != nil {
		return false, err
	}
	if o.keep {
		fmt.Printf("folder:     %s (kept)\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}

	// The corpus.
	start := time.Now()
	c := corpus.Generate(o.n, o.seed)
	contentDir := filepath.Join(tmp, "content")
	if err := c.WriteDir(contentDir); err != nil {
		return false, err
	}
	var corpusBytes int
	slugs := make([]string, len(c.Cases))
	for i, cs := range c.Cases {
		corpusBytes += len(cs.Data)
		slugs[i] = strings.TrimSuffix(strings.TrimPrefix(cs.Path, "cases/"), ".md")
	}
	fmt.Printf("corpus:     %d cases, %.1f MB, in %v\n", len(c.Cases), float64(corpusBytes)/1e6, since(start))

	// The binary.
	bin := o.bin
	if bin == "" {
		start = time.Now()
		bin = filepath.Join(tmp, "casebook")
		build := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/casebook/casebook/cmd/casebook")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return false, fmt.Errorf("building casebook (run soak from inside the module): %w", err)
		}
		fmt.Printf("build:      %v\n", since(start))
	}

	// The server, on a loopback port it picks itself.
	start = time.Now()
	srv, err := startServer(bin, contentDir, filepath.Join(tmp, "server.log"))
	if err != nil {
		return false, err
	}
	defer srv.kill()
	base, err := srv.waitListening(30 * time.Second)
	if err != nil {
		return false, err
	}
	if err := waitReady(ctx, base, o.readyTimeout, srv); err != nil {
		return false, err
	}
	readyErrors, readyWarnings := srv.logCounts() // /healthz answers 503 until ready, logged as errors
	readyRSS, _ := rss(srv.pid())
	fmt.Printf("server:     pid %d at %s, ready in %v, RSS %s\n", srv.pid(), base, since(start), mb(readyRSS))

	mix := newMix(slugs, corpus.FactorSlugs(), corpus.Queries())
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConns: 2 * o.concurrency, MaxIdleConnsPerHost: 2 * o.concurrency, DisableCompression: true},
		Timeout:   30 * time.Second,
	}

	// Warm-up.
	var warm *stats
	if o.warmup > 0 {
		warm = load(ctx, client, base, mix, o.concurrency, o.warmup, o.seed+1, nil)
		fmt.Printf("warm-up:    %v, %d requests, %d 5xx, %d connection errors, %d unexpected statuses\n",
			o.warmup, warm.requests, warm.serverErrors(), warm.connErrors, warm.unexpected)
	}
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	warmRSS, err := rss(srv.pid())
	if err != nil {
		return false, err
	}
	fmt.Printf("RSS after warm-up: %s\n", mb(warmRSS))

	// The measured run, sampling RSS as it goes.
	var peakRSS atomic.Int64
	peakRSS.Store(warmRSS)
	sample := func() {
		if r, err := rss(srv.pid()); err == nil && r > peakRSS.Load() {
			peakRSS.Store(r)
		}
	}
	st := load(ctx, client, base, mix, o.concurrency, o.duration, o.seed+2, sample)
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	endRSS, err := rss(srv.pid())
	if err != nil {
		return false, err
	}
	sample()

	// Stop the server as an operator would.
	start = time.Now()
	exitCode, err := srv.terminate(30 * time.Second)
	if err != nil {
		return false, err
	}
	shutdown := since(start)
	logErrors, logWarnings := srv.logCounts()
	logErrors, logWarnings = logErrors-readyErrors, logWarnings-readyWarnings

	// The report.
	growth := float64(endRSS-warmRSS) / float64(warmRSS)
	fmt.Println()
	fmt.Printf("requests:            %d in %v\n", st.requests, st.elapsed.Round(time.Millisecond))
	fmt.Printf("throughput:          %.1f requests/s\n", float64(st.requests)/st.elapsed.Seconds())
	fmt.Printf("status counts:       %s\n", st.statusLine())
	fmt.Printf("5xx:                 %d\n", st.serverErrors())
	fmt.Printf("connection errors:   %d\n", st.connErrors)
	for _, e := range st.errorSamples {
		fmt.Printf("    %s\n", e)
	}
	fmt.Printf("unexpected statuses: %d\n", st.unexpected)
	for _, e := range st.unexpectedSamples {
		fmt.Printf("    %s\n", e)
	}
	p50, p99, pmax := st.percentiles("")
	fmt.Printf("latency:             p50 %s, p99 %s, max %s\n", ms(p50), ms(p99), ms(pmax))
	fmt.Printf("by kind:             %-14s %7s %9s %9s\n", "kind", "n", "p50", "p99")
	for _, k := range st.kinds() {
		p50, p99, _ := st.percentiles(k)
		fmt.Printf("                     %-14s %7d %9s %9s\n", k, st.count(k), ms(p50), ms(p99))
	}
	fmt.Printf("RSS after warm-up:   %s\n", mb(warmRSS))
	fmt.Printf("RSS at end:          %s (%+.1f%%), peak %s\n", mb(endRSS), 100*growth, mb(peakRSS.Load()))
	fmt.Printf("server log:          %d errors, %d warnings since ready\n", logErrors, logWarnings)
	fmt.Printf("shutdown:            SIGTERM, exit code %d after %v\n", exitCode, shutdown)
	fmt.Println()

	total5xx := st.serverErrors()
	totalConn := st.connErrors
	totalUnexpected := st.unexpected
	if warm != nil {
		total5xx += warm.serverErrors()
		totalConn += warm.connErrors
		totalUnexpected += warm.unexpected
	}
	checks := []struct {
		ok   bool
		text string
	}{
		{total5xx == 0, fmt.Sprintf("zero 5xx (warm-up and run): %d", total5xx)},
		{totalConn == 0, fmt.Sprintf("zero connection errors (warm-up and run): %d", totalConn)},
		{totalUnexpected == 0, fmt.Sprintf("every status as expected (warm-up and run): %d unexpected", totalUnexpected)},
		{growth <= o.rssTolerance, fmt.Sprintf("end RSS within %.0f%% of post-warm-up RSS: %+.1f%%", 100*o.rssTolerance, 100*growth)},
		{exitCode == 0, fmt.Sprintf("clean shutdown on SIGTERM: exit code %d", exitCode)},
	}
	pass := true
	for _, c := range checks {
		mark := "ok  "
		if !c.ok {
			mark, pass = "FAIL", false
		}
		fmt.Printf("%s %s\n", mark, c.text)
	}
	if pass {
		fmt.Println("PASS")
	} else {
		fmt.Println("FAIL")
	}
	return pass, nil
}

// The request mix.

// request is one request of the mix and the status it must get.
type request struct {
	kind   string
	path   string
	status int
}

type mix struct {
	slugs   []string
	factors []string
	queries []corpus.Query
	levels  []string
	total   int
	weights []weighted
}

type weighted struct {
	weight int
	make   func(r *rand.Rand) request
}

func newMix(slugs, factors []string, queries []corpus.Query) *mix {
	m := &mix{slugs: slugs, factors: factors, queries: queries,
		levels: []string{"local", "regional", "provincial", "national", "international"}}
	add := func(weight int, f func(r *rand.Rand) request) {
		m.weights = append(m.weights, weighted{weight, f})
		m.total += weight
	}
	add(25, func(r *rand.Rand) request { // API search: text, maybe a factor, a page
		return request{"api-search", "/api/v1/search?" + m.searchQuery(r, true), 200}
	})
	add(20, func(r *rand.Rand) request { // the search page
		return request{"search-page", "/cases?" + m.searchQuery(r, true), 200}
	})
	add(10, func(r *rand.Rand) request { // browse without text
		return request{"browse-page", "/cases?" + m.searchQuery(r, false), 200}
	})
	add(20, func(r *rand.Rand) request {
		return request{"case-page", "/cases/" + pick(r, m.slugs), 200}
	})
	add(5, func(r *rand.Rand) request {
		return request{"api-case", "/api/v1/cases/" + pick(r, m.slugs), 200}
	})
	add(3, func(r *rand.Rand) request { return request{"factor-page", "/factors/" + pick(r, m.factors), 200} })
	add(2, func(r *rand.Rand) request {
		return request{"factors", pick(r, []string{"/factors", "/api/v1/factors"}), 200}
	})
	add(4, func(r *rand.Rand) request { return request{"home", "/", 200} })
	add(2, func(r *rand.Rand) request {
		return request{"other-page", pick(r, []string{"/about", "/feed.xml", "/robots.txt", "/healthz"}), 200}
	})
	add(1, func(r *rand.Rand) request { return request{"sitemap", "/sitemap.xml", 200} })
	add(1, func(r *rand.Rand) request { // a narrow CSV export
		q := pick(r, m.queries)
		v := url.Values{"q": {q.Text}, "factor": {pick(r, m.factors)}, "level": {pick(r, m.levels)}, "format": {"csv"}}
		return request{"csv", "/api/v1/search?" + v.Encode(), 200}
	})
	add(4, func(r *rand.Rand) request { return pick(r, hostile) })
	add(3, func(r *rand.Rand) request { // hostile query text at the limits
		return request{"hostile-text", "/api/v1/search?q=" + url.QueryEscape(pick(r, hostileTexts)), 200}
	})
	return m
}

func (m *mix) next(r *rand.Rand) request {
	n := r.IntN(m.total)
	for _, w := range m.weights {
		if n < w.weight {
			return w.make(r)
		}
		n -= w.weight
	}
	panic("unreachable")
}

// searchQuery is a query string from the benchmark query mix, with
// filters, sort and page drawn at random.
func (m *mix) searchQuery(r *rand.Rand, text bool) string {
	v := url.Values{}
	q := pick(r, m.queries)
	if text {
		v.Set("q", q.Text)
		if q.Factor != "" {
			v.Set("factor", q.Factor)
		}
	} else {
		v.Set("factor", pick(r, m.factors))
		if r.IntN(2) == 0 {
			v.Add("level", pick(r, m.levels))
		}
		if r.IntN(3) == 0 {
			from := 1990 + r.IntN(30)
			v.Set("year_from", strconv.Itoa(from))
			v.Set("year_to", strconv.Itoa(from+r.IntN(10)))
		}
	}
	if r.IntN(4) == 0 {
		v.Set("sort", pick(r, []string{"newest", "oldest", "title"}))
	}
	if r.IntN(3) == 0 {
		v.Set("page", strconv.Itoa(2+r.IntN(4)))
	}
	return v.Encode()
}

// hostile are bad requests: each must get its 4xx, never a 5xx.
var hostile = []request{
	{"hostile-4xx", "/api/v1/search?per_page=99999999999999999999", 400},
	{"hostile-4xx", "/api/v1/search?q=%ff", 400},
	{"hostile-4xx", "/cases?year_from=soon", 400},
	{"hostile-4xx", "/api/v1/search?sort=random", 400},
	{"hostile-4xx", "/api/v1/search?" + strings.Repeat("factor=collaboration&", 100), 400},
	{"hostile-4xx", "/api/v1/search?q=" + strings.Repeat("a+", 40), 400},
	{"hostile-4xx", "/api/v1/search?page=10000&per_page=100", 400},
	{"hostile-4xx", "/cases/..%2f..%2fetc%2fpasswd", 404},
	{"hostile-4xx", "/static/..%2fgo.mod", 404},
	{"hostile-4xx", "/api/v1/cases/%2e%2e", 404},
	{"hostile-4xx", "/factors/%00", 404},
}

// hostileTexts are query texts in other engines' syntax, within the limits.
var hostileTexts = []string{
	`title:budget AND (open OR data)^3 /.*/ *a* a~2`,
	`"unclosed phrase -x -"open data" [2000 TO 2020] {a} \\ : ^ ~ ?`,
	strings.Repeat("(", 400),
	strings.Repeat(`*?~^:/\ `, 50),
	`<script>alert(1)</script> ' OR 1=1 --`,
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// Load.

type sampleRec struct {
	kind string
	d    time.Duration
}

type stats struct {
	requests          int
	elapsed           time.Duration
	statuses          map[int]int
	connErrors        int
	unexpected        int
	errorSamples      []string
	unexpectedSamples []string
	samples           []sampleRec
}

func (s *stats) serverErrors() int {
	n := 0
	for code, c := range s.statuses {
		if code >= 500 {
			n += c
		}
	}
	return n
}

func (s *stats) statusLine() string {
	codes := make([]int, 0, len(s.statuses))
	for code := range s.statuses {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	parts := make([]string, len(codes))
	for i, code := range codes {
		parts[i] = fmt.Sprintf("%d: %d", code, s.statuses[code])
	}
	return strings.Join(parts, ", ")
}

func (s *stats) kinds() []string {
	seen := map[string]bool{}
	for _, r := range s.samples {
		seen[r.kind] = true
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func (s *stats) count(kind string) int {
	n := 0
	for _, r := range s.samples {
		if r.kind == kind {
			n++
		}
	}
	return n
}

// percentiles returns p50, p99 and max of one kind, or of all with "".
func (s *stats) percentiles(kind string) (p50, p99, pmax time.Duration) {
	var ds []time.Duration
	for _, r := range s.samples {
		if kind == "" || r.kind == kind {
			ds = append(ds, r.d)
		}
	}
	if len(ds) == 0 {
		return 0, 0, 0
	}
	slices.Sort(ds)
	at := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
	return at(0.50), at(0.99), ds[len(ds)-1]
}

// load runs the mix at concurrency c for d; tick, if set, runs every few
// seconds meanwhile.
func load(ctx context.Context, client *http.Client, base string, m *mix, c int, d time.Duration, seed uint64, tick func()) *stats {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var mu sync.Mutex
	st := &stats{statuses: map[int]int{}}
	var wg sync.WaitGroup
	start := time.Now()
	for w := range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, uint64(w)))
			local := &stats{statuses: map[int]int{}}
			for ctx.Err() == nil {
				req := m.next(r)
				t0 := time.Now()
				status, err := fetch(client, base+req.path)
				elapsed := time.Since(t0)
				if err != nil && ctx.Err() != nil && time.Since(start) >= d {
					break // cut off by the end of the run, not a failure
				}
				local.requests++
				local.samples = append(local.samples, sampleRec{req.kind, elapsed})
				switch {
				case err != nil:
					local.connErrors++
					if len(local.errorSamples) < 3 {
						local.errorSamples = append(local.errorSamples, fmt.Sprintf("%s: %v", truncate(req.path, 100), err))
					}
				default:
					local.statuses[status]++
					if status != req.status {
						local.unexpected++
						if len(local.unexpectedSamples) < 3 {
							local.unexpectedSamples = append(local.unexpectedSamples, fmt.Sprintf("%s: %d, want %d", truncate(req.path, 100), status, req.status))
						}
					}
				}
			}
			mu.Lock()
			defer mu.Unlock()
			st.requests += local.requests
			st.connErrors += local.connErrors
			st.unexpected += local.unexpected
			for code, n := range local.statuses {
				st.statuses[code] += n
			}
			st.samples = append(st.samples, local.samples...)
			st.errorSamples = append(st.errorSamples, local.errorSamples...)[:min(5, len(st.errorSamples)+len(local.errorSamples))]
			st.unexpectedSamples = append(st.unexpectedSamples, local.unexpectedSamples...)[:min(5, len(st.unexpectedSamples)+len(local.unexpectedSamples))]
		}()
	}
	if tick != nil {
		go func() {
			t := time.NewTicker(2 * time.Second)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					tick()
				}
			}
		}()
	}
	wg.Wait()
	st.elapsed = time.Since(start)
	return st
}

// fetch GETs target and reads the whole body; an error is a connection
// error (refused, reset, timed out, cut short).
func fetch(client *http.Client, target string) (int, error) {
	resp, err := client.Get(target)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0, fmt.Errorf("reading the body: %w", err)
	}
	return resp.StatusCode, nil
}

// The server process.

type serverProc struct {
	cmd    *exec.Cmd
	addr   chan string
	exited chan struct{}
	err    error // of Wait, once exited is closed

	mu       sync.Mutex
	errors   int
	warnings int
}

var listeningRE = regexp.MustCompile(`msg=listening url=(http://127\.0\.0\.1:\d+)/`)

func startServer(bin, contentDir, logPath string) (*serverProc, error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve", "--content", contentDir, "--addr", "127.0.0.1:0")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} // never outlive soak
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = logFile
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &serverProc{cmd: cmd, addr: make(chan string, 1), exited: make(chan struct{})}
	go func() {
		defer logFile.Close()
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		found := false
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(logFile, line)
			if !found {
				if m := listeningRE.FindStringSubmatch(line); m != nil {
					p.addr <- m[1]
					found = true
				}
			}
			p.mu.Lock()
			if strings.Contains(line, "level=ERROR") {
				p.errors++
			} else if strings.Contains(line, "level=WARN") {
				p.warnings++
			}
			p.mu.Unlock()
		}
		io.Copy(io.Discard, stderr)
		p.err = cmd.Wait()
		close(p.exited)
	}()
	return p, nil
}

func (p *serverProc) pid() int { return p.cmd.Process.Pid }

func (p *serverProc) logCounts() (errors, warnings int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.errors, p.warnings
}

func (p *serverProc) waitListening(timeout time.Duration) (string, error) {
	select {
	case a := <-p.addr:
		return a, nil
	case <-p.exited:
		return "", fmt.Errorf("the server exited before listening: %v", p.err)
	case <-time.After(timeout):
		return "", errors.New("the server did not start listening")
	}
}

// terminate sends SIGTERM and waits for the exit code.
func (p *serverProc) terminate(timeout time.Duration) (int, error) {
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return -1, err
	}
	select {
	case <-p.exited:
		return p.cmd.ProcessState.ExitCode(), nil
	case <-time.After(timeout):
		p.kill()
		return -1, fmt.Errorf("the server did not exit within %v of SIGTERM", timeout)
	}
}

func (p *serverProc) kill() {
	select {
	case <-p.exited:
	default:
		p.cmd.Process.Kill()
		<-p.exited
	}
}

func waitReady(ctx context.Context, base string, timeout time.Duration, p *serverProc) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: 5 * time.Second}
	for {
		resp, err := client.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		select {
		case <-p.exited:
			return fmt.Errorf("the server exited while loading: %v", p.err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the server was not ready within %v", timeout)
		}
	}
}

// rss is a process's resident set size in bytes, from /proc/PID/status.
func rss(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) != 2 || f[1] != "kB" {
				break
			}
			kb, err := strconv.ParseInt(f[0], 10, 64)
			if err != nil {
				return 0, err
			}
			return kb << 10, nil
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}

func mb(b int64) string               { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }
func ms(d time.Duration) string       { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }
func since(t time.Time) time.Duration { return time.Since(t).Round(time.Millisecond) }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
