package search

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/internal/parallel"
)

// Benchmarks of the index on synthetic corpora (internal/corpus) at 1k and
// 10k cases, each next to its floor: what goldmark and bleve themselves take
// for the same documents.
//
//	go test -run '^$' -bench . -benchmem -timeout 60m ./search
//
// -short skips the 10k sizes. The search benchmarks also report the median
// and 99th percentile of one query (p50-ms, p99-ms) over the query mix.

var benchSizes = []int{1000, 10000}

// forSizes runs fn as one sub-benchmark per corpus size (the large ones
// skipped in -short mode).
func forSizes(b *testing.B, fn func(b *testing.B, n int)) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			skipLarge(b, n)
			fn(b, n)
		})
	}
}

func sizeName(n int) string { return fmt.Sprintf("%dk", n/1000) }

func skipLarge(b *testing.B, n int) {
	if n > 1000 && testing.Short() {
		b.Skip("10k sizes skipped in -short mode")
	}
}

// benchData is a generated corpus with its catalogue and documents.
type benchData struct {
	corpus *corpus.Corpus
	cat    *catalog.Catalog
	docs   []document // what Index indexes for each case, in cat.Cases order
}

var (
	benchMu    sync.Mutex
	benchCache = map[int]*benchData{}
)

func loadBench(b *testing.B, n int) *benchData {
	benchMu.Lock()
	defer benchMu.Unlock()
	if d, ok := benchCache[n]; ok {
		return d
	}
	c := corpus.Generate(n, 1)
	cat, err := catalog.Load(c.FS())
	if err != nil || len(cat.Cases) != n {
		b.Fatalf("load: %v (%d cases, problems %v)", err, len(cat.Cases), cat.Problems)
	}
	ix := &Index{cat: cat}
	docs := make([]document, len(cat.Cases))
	for i, cs := range cat.Cases {
		docs[i] = ix.document(cs)
	}
	d := &benchData{corpus: c, cat: cat, docs: docs}
	benchCache[n] = d
	return d
}

// BenchmarkNew builds the in-memory index of a loaded catalogue.
func BenchmarkNew(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		d := loadBench(b, n)
		b.ReportAllocs()
		for b.Loop() {
			ix, err := New(d.cat)
			if err != nil {
				b.Fatal(err)
			}
			ix.Close()
		}
	})
}

// BenchmarkStartup is what a server does before it is healthy: load the
// catalogue from files (parse, render) and build the index.
func BenchmarkStartup(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		fsys := loadBench(b, n).corpus.FS()
		b.ReportAllocs()
		for b.Loop() {
			ix, err := loadIndex(fsys)
			if err != nil {
				b.Fatal(err)
			}
			ix.Close()
		}
	})
}

// benchQueries turns the corpus query mix into Casebook queries.
func benchQueries() []Query {
	var out []Query
	for _, q := range corpus.Queries() {
		sq := Query{Text: q.Text, PerPage: 20}
		if q.Factor != "" {
			sq.Factors = []string{q.Factor}
		}
		out = append(out, sq)
	}
	return out
}

// latencies collects per-query times and reports their percentiles.
type latencies []time.Duration

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	slices.Sort(l)
	pct := func(p float64) float64 {
		return float64(l[min(len(l)-1, int(p*float64(len(l))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

// benchIndex builds the index of the synthetic corpus of n cases for one
// benchmark (skipped at 10k in -short mode).
func benchIndex(b *testing.B, n int) *Index {
	skipLarge(b, n)
	ix, err := New(loadBench(b, n).cat)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	return ix
}

// BenchmarkSearch runs the query mix through Index.Search: every query has
// text, half a factor filter; all six facets, highlights, top 20.
func BenchmarkSearch(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		ix := benchIndex(b, n)
		qs := benchQueries()
		ctx := context.Background()
		timeLoop(b, func(i int) error {
			resp, err := ix.Search(ctx, qs[i%len(qs)])
			if err == nil && resp.Total < 0 {
				err = errors.New("negative total")
			}
			return err
		})
	})
}

// timeLoop runs search(i) in the benchmark loop, i counting from 0, stops
// at its first error and reports the latency percentiles.
func timeLoop(b *testing.B, search func(i int) error) {
	var lat latencies
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		if err := search(i); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		i++
	}
	lat.report(b)
}

// --- The floor: goldmark and bleve alone, on the same documents. ---

// floorMarkdown is goldmark with Casebook's extensions and nothing else.
var floorMarkdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.Footnote),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// floorIndex batch-indexes docs into a fresh in-memory scorch index with
// mapping m, in batches of 1000.
func floorIndex(b *testing.B, m mapping.IndexMapping, d *benchData) bleve.Index {
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		b.Fatal(err)
	}
	batch := idx.NewBatch()
	for i, doc := range d.docs {
		if err := batch.Index(d.cat.Cases[i].Slug, doc); err != nil {
			b.Fatal(err)
		}
		if batch.Size() >= 1000 {
			if err := idx.Batch(batch); err != nil {
				b.Fatal(err)
			}
			batch.Reset()
		}
	}
	if err := idx.Batch(batch); err != nil {
		b.Fatal(err)
	}
	return idx
}

func mustMapping(b *testing.B) *mapping.IndexMappingImpl {
	m, err := indexMapping()
	if err != nil {
		b.Fatal(err)
	}
	return m.(*mapping.IndexMappingImpl)
}

// storedMapping is Casebook's mapping with title, summary and body stored,
// which bleve's own highlighter needs.
func storedMapping(b *testing.B) *mapping.IndexMappingImpl {
	m := mustMapping(b)
	for _, f := range []string{fieldTitle, fieldSummary, fieldBody} {
		m.DefaultMapping.Properties[f].Fields[0].Store = true
	}
	return m
}

// BenchmarkFloorIndex is bleve alone: a scorch batch index of the documents
// Casebook indexes, with its mapping.
func BenchmarkFloorIndex(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		d := loadBench(b, n)
		m := mustMapping(b)
		b.ReportAllocs()
		for b.Loop() {
			floorIndex(b, m, d).Close()
		}
	})
}

// BenchmarkFloorBuild is the floor for BenchmarkStartup: goldmark converts
// every body (on all CPUs) and bleve batch-indexes the documents.
func BenchmarkFloorBuild(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		d := loadBench(b, n)
		m := mustMapping(b)
		b.ReportAllocs()
		for b.Loop() {
			parallel.For(len(d.corpus.Cases), 0, func(i int) {
				var buf bytes.Buffer
				if err := floorMarkdown.Convert(d.corpus.Cases[i].Body, &buf); err != nil {
					panic(err)
				}
			})
			floorIndex(b, m, d).Close()
		}
	})
}

// floorRequest is the bare-index form of a query of the mix: a match on
// title^3, summary^2 and body (quotes and exclusions dropped), the factor
// as the one filter, four term facets, html highlights, top 20.
func floorRequest(q Query, and bool) *bleve.SearchRequest {
	var words []string
	for _, w := range strings.Fields(strings.ReplaceAll(q.Text, `"`, "")) {
		if !strings.HasPrefix(w, "-") {
			words = append(words, w)
		}
	}
	text := strings.Join(words, " ")
	var alts []query.Query
	for _, f := range []weightedField{{fieldTitle, 3}, {fieldSummary, 2}, {fieldBody, 1}} {
		m := query.NewMatchQuery(text)
		if and {
			m.SetOperator(query.MatchQueryOperatorAnd)
		}
		alts = append(alts, f.on(m))
	}
	var qq query.Query = query.NewDisjunctionQuery(alts)
	if len(q.Factors) > 0 {
		t := query.NewTermQuery(q.Factors[0])
		t.SetField(fieldFactor)
		bq := query.NewBooleanQuery([]query.Query{qq}, nil, nil)
		bq.AddFilter(t)
		qq = bq
	}
	req := bleve.NewSearchRequestOptions(qq, 20, 0, false)
	for _, f := range []string{fieldFactor, fieldTag, fieldSector, fieldCountry} {
		req.AddFacet(f, bleve.NewFacetRequest(f, 200))
	}
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.Fields = []string{fieldTitle, fieldSummary, fieldBody}
	return req
}

// BenchmarkFloorSearch runs the same query mix on a bare index. Variants:
// "or" is bleve's default match (any word) and "and" needs every word; both
// on an index with title, summary and body stored so that bleve highlights
// ("stored"); "same-mapping" uses Casebook's mapping exactly, where bleve
// finds no stored text to highlight.
func BenchmarkFloorSearch(b *testing.B) {
	for _, n := range benchSizes {
		for _, v := range []struct {
			name   string
			and    bool
			stored bool
		}{{"or-stored", false, true}, {"and-stored", true, true}, {"or-same-mapping", false, false}} {
			b.Run(sizeName(n)+"/"+v.name, func(b *testing.B) {
				skipLarge(b, n)
				d := loadBench(b, n)
				m := mustMapping(b)
				if v.stored {
					m = storedMapping(b)
				}
				idx := floorIndex(b, m, d)
				defer idx.Close()
				qs := benchQueries()
				reqs := make([]*bleve.SearchRequest, len(qs))
				for i, q := range qs {
					reqs[i] = floorRequest(q, v.and)
				}
				ctx := context.Background()
				timeLoop(b, func(i int) error {
					_, err := idx.SearchInContext(ctx, reqs[i%len(reqs)])
					return err
				})
			})
		}
	}
}

// TestPerfSideBySide measures Casebook against the floor in one run,
// interleaved so that both see the same machine load, and prints the
// ratios the performance targets are stated in. It runs only when
// CASEBOOK_PERF is set to a corpus size:
//
//	CASEBOOK_PERF=10000 go test -run TestPerfSideBySide -v -timeout 60m ./search
//
// CASEBOOK_PERF_ROUNDS sets the build rounds (default 3); the search
// comparison runs the query mix 20 times (CASEBOOK_PERF_SEARCHES).
func TestPerfSideBySide(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("CASEBOOK_PERF"))
	if n <= 0 {
		t.Skip("set CASEBOOK_PERF=10000 to run")
	}
	rounds := envInt("CASEBOOK_PERF_ROUNDS", 3)
	passes := envInt("CASEBOOK_PERF_SEARCHES", 20)
	b := &testing.B{}
	d := loadBench(b, n)
	fsys := d.corpus.FS()
	m := mustMapping(b)

	var floorBuild, ourBuild []time.Duration
	var ix *Index
	for r := range rounds {
		runtime.GC()
		start := time.Now()
		parallel.For(len(d.corpus.Cases), 0, func(i int) {
			var buf bytes.Buffer
			if err := floorMarkdown.Convert(d.corpus.Cases[i].Body, &buf); err != nil {
				panic(err)
			}
		})
		floorIndex(b, m, d).Close()
		floorBuild = append(floorBuild, time.Since(start))

		runtime.GC()
		start = time.Now()
		next, err := loadIndex(fsys)
		if err != nil {
			t.Fatal(err)
		}
		ourBuild = append(ourBuild, time.Since(start))
		if ix != nil {
			ix.Close()
		}
		ix = next
		t.Logf("round %d: floor build %v, Casebook load+index %v", r+1, floorBuild[r].Round(time.Millisecond), ourBuild[r].Round(time.Millisecond))
	}
	defer ix.Close()
	fb, ob := median(floorBuild), median(ourBuild)
	t.Logf("build, median of %d: floor (goldmark + scorch batch index) %v; Casebook (catalog.Load + search.New) %v; ratio %.2f",
		rounds, fb.Round(time.Millisecond), ob.Round(time.Millisecond), ob.Seconds()/fb.Seconds())

	// The index as servers share it: built on disk once, opened read-only.
	runtime.GC()
	start := time.Now()
	if _, err := Build(ix.cat, t.TempDir()+"/index"); err != nil {
		t.Fatal(err)
	}
	built := time.Since(start)
	dir := t.TempDir() + "/shared"
	if _, err := Build(ix.cat, dir); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	disk, err := Open(ix.cat, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("built index: Build on disk %v; Open of the built index %v (ratio %.3f)", built.Round(time.Millisecond),
		time.Since(start).Round(time.Millisecond), time.Since(start).Seconds()/built.Seconds())
	defer disk.Close()

	bare := floorIndex(b, storedMapping(b), d)
	defer bare.Close()
	qs := benchQueries()
	ctx := context.Background()
	var ours, onDisk, floorOr, floorAnd latencies
	for pass := range passes + 1 {
		for _, q := range qs {
			s := time.Now()
			if _, err := ix.Search(ctx, q); err != nil {
				t.Fatal(err)
			}
			d1 := time.Since(s)
			s = time.Now()
			if _, err := disk.Search(ctx, q); err != nil {
				t.Fatal(err)
			}
			d4 := time.Since(s)
			s = time.Now()
			if _, err := bare.SearchInContext(ctx, floorRequest(q, false)); err != nil {
				t.Fatal(err)
			}
			d2 := time.Since(s)
			s = time.Now()
			if _, err := bare.SearchInContext(ctx, floorRequest(q, true)); err != nil {
				t.Fatal(err)
			}
			d3 := time.Since(s)
			if pass > 0 { // the first pass warms up
				ours, floorOr, floorAnd = append(ours, d1), append(floorOr, d2), append(floorAnd, d3)
				onDisk = append(onDisk, d4)
			}
		}
	}
	for _, l := range []latencies{ours, onDisk, floorOr, floorAnd} {
		slices.Sort(l)
	}
	p := func(l latencies, q float64) time.Duration { return l[min(len(l)-1, int(q*float64(len(l))))] }
	t.Logf("search, %d queries each: Casebook p50 %v p99 %v | bare match (or) p50 %v p99 %v | bare match (and) p50 %v p99 %v | p50 ratio to or %.2f, to and %.2f",
		len(ours), p(ours, .5).Round(10*time.Microsecond), p(ours, .99).Round(10*time.Microsecond),
		p(floorOr, .5).Round(10*time.Microsecond), p(floorOr, .99).Round(10*time.Microsecond),
		p(floorAnd, .5).Round(10*time.Microsecond), p(floorAnd, .99).Round(10*time.Microsecond),
		p(ours, .5).Seconds()/p(floorOr, .5).Seconds(), p(ours, .5).Seconds()/p(floorAnd, .5).Seconds())
	t.Logf("search from the built index (Open): p50 %v p99 %v | ratio to bare match (or) p50 %.2f p99 %.2f, to (and) p50 %.2f p99 %.2f",
		p(onDisk, .5).Round(10*time.Microsecond), p(onDisk, .99).Round(10*time.Microsecond),
		p(onDisk, .5).Seconds()/p(floorOr, .5).Seconds(), p(onDisk, .99).Seconds()/p(floorOr, .99).Seconds(),
		p(onDisk, .5).Seconds()/p(floorAnd, .5).Seconds(), p(onDisk, .99).Seconds()/p(floorAnd, .99).Seconds())
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	t.Logf("heap in use after GC (corpus, catalogue, both indexes): %d MB", ms.HeapAlloc>>20)
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
