package replicatest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// loadResult is what a load run saw through nginx.
type loadResult struct {
	requests, failures int
	latencies          []time.Duration
	firstFailures      []string // the first few, for the test's message
}

func (r loadResult) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	s := slices.Clone(r.latencies)
	slices.Sort(s)
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

func (r loadResult) String() string {
	return fmt.Sprintf("requests=%d failures=%d p50=%.1fms p99=%.1fms", r.requests, r.failures,
		float64(r.percentile(0.50).Microseconds())/1000, float64(r.percentile(0.99).Microseconds())/1000)
}

// loadPlan is one run of GET requests through nginx.
type loadPlan struct {
	base        string
	urls        []string // requested in turn
	concurrency int
	min, max    int // at least min requests, and more while during runs, up to max
	// pause between a worker's requests once min are done, to keep traffic
	// flowing while during runs without piling up requests.
	pause time.Duration
	// during runs alongside the load (killing or restarting replicas); it
	// gets the number of requests completed so far.
	during func(done func() int64)
}

// run sends the requests; a failure is a transport error or any status
// other than 200.
func (p loadPlan) run(client *http.Client) loadResult {
	var next, completed atomic.Int64
	var duringDone atomic.Bool
	duringExit := make(chan struct{})
	go func() {
		defer close(duringExit)
		defer duringDone.Store(true)
		p.during(completed.Load)
	}()
	var mu sync.Mutex
	var res loadResult
	var wg sync.WaitGroup
	for range p.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			var fails []string
			for {
				i := int(next.Add(1) - 1)
				if i >= p.max || i >= p.min && duringDone.Load() {
					break
				}
				if i >= p.min {
					time.Sleep(p.pause)
				}
				url := p.base + p.urls[i%len(p.urls)]
				start := time.Now()
				resp, err := client.Get(url)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				lat = append(lat, time.Since(start))
				if err != nil {
					fails = append(fails, fmt.Sprintf("GET %s: %v", url, err))
				}
				completed.Add(1)
			}
			mu.Lock()
			res.latencies = append(res.latencies, lat...)
			res.failures += len(fails)
			if room := 5 - len(res.firstFailures); room > 0 {
				res.firstFailures = append(res.firstFailures, fails[:min(room, len(fails))]...)
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	<-duringExit
	res.requests = len(res.latencies)
	return res
}

// getJSON fetches url and decodes its JSON into v.
func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

// getBody fetches url with the Host header casebook.test (pages name their
// own address) and returns its status and body.
func getBody(t *testing.T, url string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = "casebook.test"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

var stylesheet = regexp.MustCompile(`href="(/static/[^"]+\.css)"`)

// mixedURLs is a mix of pages, searches and API calls of the catalogue
// served at base: every one answers 200.
func mixedURLs(t *testing.T, base string) []string {
	t.Helper()
	var search struct {
		Results []struct{ Slug string } `json:"results"`
	}
	getJSON(t, base+"/api/v1/search?per_page=100", &search)
	var factors struct {
		Factors []struct{ Slug string } `json:"factors"`
	}
	getJSON(t, base+"/api/v1/factors", &factors)
	if len(search.Results) < 3 || len(factors.Factors) < 2 {
		t.Fatalf("catalogue too small: %d cases, %d factors", len(search.Results), len(factors.Factors))
	}
	_, home := getBody(t, base+"/")
	css := stylesheet.FindStringSubmatch(home)
	if css == nil {
		t.Fatal("home page links no stylesheet")
	}
	urls := []string{"/", "/cases", "/factors", "/about", "/feed.xml", css[1],
		"/cases?q=budget", "/cases?q=digital+service&sort=newest", "/api/v1/search?q=participatory+budgeting",
		"/api/v1/search?q=health&per_page=5", "/api/v1/factors"}
	for i, c := range search.Results[:3] {
		urls = append(urls, "/cases/"+c.Slug, "/api/v1/cases/"+c.Slug)
		f := factors.Factors[i%len(factors.Factors)].Slug
		urls = append(urls, "/factors/"+f, "/api/v1/search?factor="+f)
	}
	return urls
}
