//go:build linux

package main

// The load: clients sending the mix, and what they measured.

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/casebook/casebook/internal/loadrun"
	"github.com/casebook/casebook/internal/parallel"
)

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
	return loadrun.Percentile(ds, 0.50), loadrun.Percentile(ds, 0.99), loadrun.Percentile(ds, 1)
}

// load runs the mix at concurrency c for d; tick, if set, runs every few
// seconds meanwhile.
func load(ctx context.Context, client *http.Client, base string, m *mix, c int, d time.Duration, seed uint64, tick func()) *stats {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var mu sync.Mutex
	st := &stats{statuses: map[int]int{}}
	start := time.Now()
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
	parallel.For(c, c, func(w int) {
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
	})
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

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
