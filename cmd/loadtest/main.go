// Command loadtest measures casebook serve on a generated catalogue: it
// writes a corpus (internal/corpus), builds and starts the binary on a
// loopback port, times start-up to a healthy /healthz, drives
// /api/v1/search with the benchmark query mix at each concurrency level, and
// prints throughput, latency percentiles, errors and the server's memory
// (VmRSS and peak VmHWM from /proc). With -index it also starts the server
// with --index twice, cold and warm, and times both.
//
// Usage:
//
//	go run ./cmd/loadtest [-n 10000] [-requests 1000] [-concurrency 1,16] [-index]
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/casebook/casebook/internal/corpus"
)

type config struct {
	n           int
	seed        uint64
	content     string
	bin         string
	requests    int
	duration    time.Duration
	concurrency []int
	index       bool
	keep        bool
	warmup      int
	startWait   time.Duration
	env         []string
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	var cfg config
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.IntVar(&cfg.n, "n", 10000, "cases to generate")
	fs.Uint64Var(&cfg.seed, "seed", 1, "corpus seed")
	fs.StringVar(&cfg.content, "content", "", "use this catalogue folder instead of generating one")
	fs.StringVar(&cfg.bin, "bin", "", "casebook binary to run (default: go build ./cmd/casebook)")
	fs.IntVar(&cfg.requests, "requests", 1000, "requests per concurrency level")
	fs.DurationVar(&cfg.duration, "duration", 60*time.Second, "time limit per concurrency level")
	conc := fs.String("concurrency", "1,16", "comma-separated concurrency levels")
	fs.BoolVar(&cfg.index, "index", false, "also measure --index: a cold build on disk and a warm restart")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the work folder")
	fs.IntVar(&cfg.warmup, "warmup", 48, "requests before measuring")
	fs.DurationVar(&cfg.startWait, "start-timeout", 15*time.Minute, "how long to wait for /healthz")
	fs.Func("server-env", "NAME=VALUE added to the server's environment, e.g. GOMEMLIMIT=300MiB (repeatable)", func(v string) error {
		if !strings.Contains(v, "=") {
			return errors.New("want NAME=VALUE")
		}
		cfg.env = append(cfg.env, v)
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return err
	}
	for _, s := range strings.Split(*conc, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || c < 1 {
			return fmt.Errorf("bad -concurrency %q", *conc)
		}
		cfg.concurrency = append(cfg.concurrency, c)
	}

	work, err := os.MkdirTemp("", "casebook-loadtest-")
	if err != nil {
		return err
	}
	if cfg.keep {
		fmt.Printf("work folder: %s\n", work)
	} else {
		defer os.RemoveAll(work)
	}

	if cfg.content == "" {
		cfg.content = filepath.Join(work, "content")
		start := time.Now()
		c := corpus.Generate(cfg.n, cfg.seed)
		if err := c.WriteDir(cfg.content); err != nil {
			return err
		}
		fmt.Printf("corpus: %d cases (seed %d) written in %v\n", cfg.n, cfg.seed, time.Since(start).Round(time.Millisecond))
	}
	if cfg.bin == "" {
		cfg.bin = filepath.Join(work, "casebook")
		build := exec.Command("go", "build", "-o", cfg.bin, "./cmd/casebook")
		build.Stdout, build.Stderr = os.Stdout, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build ./cmd/casebook (run from the repository root): %w", err)
		}
	}

	runs := []struct {
		name  string
		index string
		load  bool
	}{{"in memory", "", true}}
	if cfg.index {
		dir := filepath.Join(work, "index")
		runs = append(runs, struct {
			name  string
			index string
			load  bool
		}{"--index, cold (build on disk)", dir, false}, struct {
			name  string
			index string
			load  bool
		}{"--index, warm restart", dir, true})
	}
	for _, r := range runs {
		fmt.Printf("\n== serve %s\n", r.name)
		if err := serveAndMeasure(cfg, work, r.index, r.load); err != nil {
			return err
		}
	}
	return nil
}

// serveAndMeasure starts the server, times it to healthy, optionally
// drives the search load, and stops it.
func serveAndMeasure(cfg config, work, indexDir string, load bool) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	args := []string{"serve", "--content", cfg.content, "--addr", addr}
	if indexDir != "" {
		args = append(args, "--index", indexDir)
	}
	logPath := filepath.Join(work, fmt.Sprintf("serve-%d.log", port))
	logFile, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer logFile.Close()
	cmd := exec.Command(cfg.bin, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Env = append(os.Environ(), cfg.env...)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer stop(cmd, exited)

	base := "http://" + addr
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}}
	if err := waitHealthy(client, base, exited, cfg.startWait); err != nil {
		tail, _ := os.ReadFile(logPath)
		return fmt.Errorf("%w\nserver log:\n%s", err, lastLines(string(tail), 20))
	}
	healthy := time.Since(start)
	pid := cmd.Process.Pid
	fmt.Printf("start-up to healthy: %v   RSS %s\n", healthy.Round(time.Millisecond), memory(pid))
	if !load {
		return nil
	}

	queries := searchURLs(base)
	// Warm up caches and the runtime, then measure.
	if _, err := drive(client, queries, 1, cfg.warmup, time.Minute); err != nil {
		return err
	}
	for _, c := range cfg.concurrency {
		res, err := drive(client, queries, c, cfg.requests, cfg.duration)
		if err != nil {
			return err
		}
		fmt.Printf("concurrency %2d: %5d requests in %6.2fs  %7.1f req/s  p50 %7.2fms  p90 %7.2fms  p99 %7.2fms  max %7.2fms  errors %d  zero-hit %d  RSS %s\n",
			c, res.n, res.elapsed.Seconds(), float64(res.n)/res.elapsed.Seconds(),
			ms(res.pct(0.50)), ms(res.pct(0.90)), ms(res.pct(0.99)), ms(res.pct(1)), res.errors, res.empty, memory(pid))
		if res.firstErr != "" {
			fmt.Printf("  first error: %s\n", res.firstErr)
		}
	}
	return nil
}

func searchURLs(base string) []string {
	var out []string
	for _, q := range corpus.Queries() {
		v := url.Values{"q": {q.Text}}
		if q.Factor != "" {
			v.Set("factor", q.Factor)
		}
		out = append(out, base+"/api/v1/search?"+v.Encode())
	}
	return out
}

type result struct {
	n        int
	errors   int
	empty    int
	firstErr string
	elapsed  time.Duration
	lat      []time.Duration
}

func (r *result) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))]
}

// drive sends up to total requests (cycling through urls) from c workers,
// stopping at the time limit.
func drive(client *http.Client, urls []string, c, total int, limit time.Duration) (*result, error) {
	var next atomic.Int64
	var mu sync.Mutex
	res := &result{}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= total {
					return
				}
				hits, d, err := get(client, urls[i%len(urls)])
				mu.Lock()
				res.n++
				res.lat = append(res.lat, d)
				if err != nil {
					res.errors++
					if res.firstErr == "" {
						res.firstErr = err.Error()
					}
				} else if hits == 0 {
					res.empty++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	slices.Sort(res.lat)
	return res, nil
}

// get fetches a search and returns its total and the time until the whole
// response was read.
func get(client *http.Client, u string) (int, time.Duration, error) {
	start := time.Now()
	resp, err := client.Get(u)
	if err != nil {
		return 0, time.Since(start), err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		return 0, took, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, took, fmt.Errorf("%s: %d %s", u, resp.StatusCode, strings.TrimSpace(string(body)))
	}
	var r struct {
		Total int `json:"total"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return 0, took, fmt.Errorf("%s: %v", u, err)
	}
	return r.Total, took, nil
}

func waitHealthy(client *http.Client, base string, exited <-chan error, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("server exited before it was healthy: %v", err)
		default:
		}
		resp, err := client.Get(base + "/healthz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	return errors.New("server not healthy in time")
}

// stop interrupts the server and waits for it, killing it if it lingers.
func stop(cmd *exec.Cmd, exited <-chan error) {
	cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-exited:
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		<-exited
	}
}

// memory reads the process's resident set and its peak from /proc.
func memory(pid int) string {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "?"
	}
	defer f.Close()
	var rss, hwm string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			rss = kbToMB(v)
		}
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			hwm = kbToMB(v)
		}
	}
	return fmt.Sprintf("%s (peak %s)", rss, hwm)
}

func kbToMB(v string) string {
	kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
	if err != nil {
		return strings.TrimSpace(v)
	}
	return fmt.Sprintf("%d MB", kb/1024)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
