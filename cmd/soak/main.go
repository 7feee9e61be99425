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
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/internal/loadrun"
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
		if bin, err = loadrun.Build(ctx, tmp); err != nil {
			return false, err
		}
		fmt.Printf("build:      %v\n", since(start))
	}

	// The server, on a loopback port it picks itself.
	start = time.Now()
	srv, err := loadrun.Start(bin, []string{"--content", contentDir}, nil, filepath.Join(tmp, "server.log"))
	if err != nil {
		return false, err
	}
	defer srv.Kill()
	base := srv.URL
	if err := srv.WaitHealthy(ctx, o.readyTimeout); err != nil {
		return false, err
	}
	readyErrors, readyWarnings := srv.LogCounts() // /healthz answers 503 until ready, logged as warnings
	readyMem, _ := loadrun.ReadMemory(srv.PID())
	fmt.Printf("server:     pid %d at %s, ready in %v, RSS %s\n", srv.PID(), base, since(start), readyMem)

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
	// memoryAfter reads the server's memory once a phase has run, unless
	// the run was stopped.
	memoryAfter := func() (loadrun.Memory, error) {
		if err := ctx.Err(); err != nil {
			return loadrun.Memory{}, err
		}
		return loadrun.ReadMemory(srv.PID())
	}
	warmMem, err := memoryAfter()
	if err != nil {
		return false, err
	}
	warmRSS := warmMem.RSS
	fmt.Printf("RSS after warm-up: %s\n", warmMem)

	// The measured run, sampling RSS as it goes.
	var peakRSS atomic.Int64
	peakRSS.Store(warmRSS)
	sample := func() {
		if m, err := loadrun.ReadMemory(srv.PID()); err == nil && m.RSS > peakRSS.Load() {
			peakRSS.Store(m.RSS)
		}
	}
	st := load(ctx, client, base, mix, o.concurrency, o.duration, o.seed+2, sample)
	endMem, err := memoryAfter()
	if err != nil {
		return false, err
	}
	endRSS := endMem.RSS
	sample()

	// Stop the server as an operator would.
	start = time.Now()
	exitCode, err := srv.Stop(30 * time.Second)
	if err != nil {
		return false, err
	}
	shutdown := since(start)
	logErrors, logWarnings := srv.LogCounts()
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
	fmt.Printf("RSS after warm-up:   %s\n", warmMem)
	fmt.Printf("RSS at end:          %s (%+.1f%%), highest sampled in the run %s\n", endMem, 100*growth, loadrun.MB(peakRSS.Load()))
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

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

func since(t time.Time) time.Duration { return time.Since(t).Round(time.Millisecond) }
