// Command loadtest measures casebook serve on a generated catalogue: it
// writes a corpus (internal/corpus), builds and starts the binary on a
// loopback port, times start-up to a healthy /healthz, drives
// /api/v1/search with the benchmark query mix at each concurrency level, and
// prints throughput, latency percentiles, errors and the server's memory
// (VmRSS, RssAnon and peak VmHWM from /proc). With -index it then builds
// the index once with casebook index --out, serves from it with --index
// under the same load, and prints a summary: start-up from the built index
// as a fraction of the full build's (in memory), and RssAnon after start-up
// and after the load for both.
//
// Usage:
//
//	go run ./cmd/loadtest [-n 10000] [-requests 1000] [-concurrency 1,16] [-index]
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/internal/loadrun"
	"github.com/casebook/casebook/internal/parallel"
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
	built       string
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
	fs.BoolVar(&cfg.index, "index", false, "also build the index with casebook index and serve from it with --index")
	fs.StringVar(&cfg.built, "built", "", "serve only from this index folder, already built by casebook index for -content (no in-memory run): memory and latency where a full build takes too long for one sitting")
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
		if cfg.bin, err = loadrun.Build(context.Background(), work); err != nil {
			return err
		}
	}

	if cfg.built != "" {
		fmt.Printf("\n== serve --index %s (built before this run)\n", cfg.built)
		ix, err := serveAndMeasure(cfg, work, cfg.built)
		if err == nil {
			fmt.Printf("RssAnon from the built index: after start-up %s, after the load %s (peak VmHWM %s)\n",
				loadrun.MB(ix.started.Anon), loadrun.MB(ix.loaded.Anon), loadrun.MB(ix.loaded.Peak))
		}
		return err
	}
	fmt.Printf("\n== serve in memory (full build at start-up)\n")
	mem, err := serveAndMeasure(cfg, work, "")
	if err != nil || !cfg.index {
		return err
	}
	dir := filepath.Join(work, "index")
	fmt.Printf("\n== casebook index --out DIR\n")
	start := time.Now()
	out, err := exec.Command(cfg.bin, "index", "--out", dir, "--content", cfg.content).CombinedOutput()
	if err != nil {
		return fmt.Errorf("casebook index: %v\n%s", err, out)
	}
	fmt.Printf("%s(%v)\n", out, time.Since(start).Round(time.Millisecond))
	fmt.Printf("\n== serve --index DIR (the built index)\n")
	ix, err := serveAndMeasure(cfg, work, dir)
	if err != nil {
		return err
	}
	fmt.Printf("\n== summary, %d cases\n", cfg.n)
	fmt.Printf("start-up to healthy: in memory %v, from the built index %v: ratio %.3f\n",
		mem.startup.Round(time.Millisecond), ix.startup.Round(time.Millisecond), ix.startup.Seconds()/mem.startup.Seconds())
	for _, r := range []struct {
		name string
		m    *measured
	}{{"in memory", mem}, {"from the built index", ix}} {
		fmt.Printf("RssAnon %-21s after start-up %s, after the load %s (peak VmHWM %s)\n", r.name,
			loadrun.MB(r.m.started.Anon), loadrun.MB(r.m.loaded.Anon), loadrun.MB(r.m.loaded.Peak))
	}
	return nil
}

// measured is what serveAndMeasure saw of one server.
type measured struct {
	startup time.Duration  // from start to a healthy /healthz
	started loadrun.Memory // settleTime after healthy
	loaded  loadrun.Memory // after the last concurrency level
}

// settleTime is how long after start-up the server's memory is read: it
// hands the memory of the build back to the system once ready.
const settleTime = 5 * time.Second

// serveAndMeasure starts the server, times it to healthy, drives the
// search load, and stops it.
func serveAndMeasure(cfg config, work, indexDir string) (*measured, error) {
	var args []string
	args = append(args, "--content", cfg.content)
	if indexDir != "" {
		args = append(args, "--index", indexDir)
	}
	logPath := filepath.Join(work, fmt.Sprintf("serve-%d.log", time.Now().UnixNano()))
	start := time.Now()
	srv, err := loadrun.Start(cfg.bin, args, cfg.env, logPath)
	if err != nil {
		return nil, err
	}
	defer srv.Stop(15 * time.Second)
	if err := srv.WaitHealthy(context.Background(), cfg.startWait); err != nil {
		tail, _ := os.ReadFile(logPath)
		return nil, fmt.Errorf("%w\nserver log:\n%s", err, lastLines(string(tail), 20))
	}
	res := &measured{startup: time.Since(start)}
	fmt.Printf("start-up to healthy: %v   RSS %s\n", res.startup.Round(time.Millisecond), memory(srv.PID()))
	time.Sleep(settleTime)
	if res.started, err = loadrun.ReadMemory(srv.PID()); err != nil {
		return nil, err
	}
	fmt.Printf("%v later: RSS %s\n", settleTime, res.started)

	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}}
	queries := searchURLs(srv.URL)
	// Warm up caches and the runtime, then measure.
	if _, err := drive(client, queries, 1, cfg.warmup, time.Minute); err != nil {
		return nil, err
	}
	for _, c := range cfg.concurrency {
		res, err := drive(client, queries, c, cfg.requests, cfg.duration)
		if err != nil {
			return nil, err
		}
		fmt.Printf("concurrency %2d: %5d requests in %6.2fs  %7.1f req/s  p50 %7.2fms  p90 %7.2fms  p99 %7.2fms  max %7.2fms  errors %d  zero-hit %d  RSS %s\n",
			c, res.n, res.elapsed.Seconds(), float64(res.n)/res.elapsed.Seconds(),
			ms(res.pct(0.50)), ms(res.pct(0.90)), ms(res.pct(0.99)), ms(res.pct(1)), res.errors, res.empty, memory(srv.PID()))
		if res.firstErr != "" {
			fmt.Printf("  first error: %s\n", res.firstErr)
		}
	}
	res.loaded, err = loadrun.ReadMemory(srv.PID())
	return res, err
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

func (r *result) pct(p float64) time.Duration { return loadrun.Percentile(r.lat, p) }

// drive sends up to total requests (cycling through urls) from c workers,
// stopping at the time limit.
func drive(client *http.Client, urls []string, c, total int, limit time.Duration) (*result, error) {
	var mu sync.Mutex
	res := &result{}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	start := time.Now()
	parallel.For(total, c, func(i int) {
		if ctx.Err() != nil {
			return
		}
		hits, d, err := get(client, urls[i%len(urls)])
		mu.Lock()
		defer mu.Unlock()
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
	})
	res.elapsed = time.Since(start)
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

// memory is the server's memory for a report line.
func memory(pid int) string {
	m, err := loadrun.ReadMemory(pid)
	if err != nil {
		return "?"
	}
	return m.String()
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
