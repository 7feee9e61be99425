package catalog_test

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/corpus"
)

// Benchmarks of parsing and loading on synthetic corpora (internal/corpus),
// with goldmark's own conversion of the same bodies as the floor:
//
//	go test -run '^$' -bench . -benchmem ./catalog
//
// -short skips the 10k sizes.

var (
	corporaMu sync.Mutex
	corpora   = map[int]*corpus.Corpus{}
)

func benchCorpus(n int) *corpus.Corpus {
	corporaMu.Lock()
	defer corporaMu.Unlock()
	if c, ok := corpora[n]; ok {
		return c
	}
	c := corpus.Generate(n, 1)
	corpora[n] = c
	return c
}

var sizes = []int{1000, 10000}

func sizeName(n int) string { return fmt.Sprintf("%dk", n/1000) }

func BenchmarkParseCase(b *testing.B) {
	c := benchCorpus(1000)
	var bytes int64
	for _, cs := range c.Cases {
		bytes += int64(len(cs.Data))
	}
	b.SetBytes(bytes / int64(len(c.Cases)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		cs := c.Cases[i%len(c.Cases)]
		if got, ps := catalog.ParseCase(cs.Path, cs.Data); got == nil {
			b.Fatalf("%s: %v", cs.Path, ps)
		}
		i++
	}
}

func BenchmarkLoad(b *testing.B) {
	for _, n := range sizes {
		b.Run(sizeName(n), func(b *testing.B) {
			if n > 1000 && testing.Short() {
				b.Skip("10k sizes skipped in -short mode")
			}
			fsys := benchCorpus(n).FS()
			b.ReportAllocs()
			for b.Loop() {
				cat, err := catalog.Load(fsys)
				if err != nil || len(cat.Cases) != n {
					b.Fatalf("loaded %v cases: %v", cat, err)
				}
			}
		})
	}
}

// floorMarkdown is goldmark with the extensions Casebook uses, nothing else.
var floorMarkdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.Footnote),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// BenchmarkFloorGoldmark converts every body of the corpus with goldmark on
// one goroutine per CPU, as Load parses files: the floor for Load.
func BenchmarkFloorGoldmark(b *testing.B) {
	for _, n := range sizes {
		b.Run(sizeName(n), func(b *testing.B) {
			if n > 1000 && testing.Short() {
				b.Skip("10k sizes skipped in -short mode")
			}
			c := benchCorpus(n)
			b.ReportAllocs()
			for b.Loop() {
				parallel(len(c.Cases), func(i int) {
					var buf bytes.Buffer
					if err := floorMarkdown.Convert(c.Cases[i].Body, &buf); err != nil {
						panic(err)
					}
				})
			}
		})
	}
}

// BenchmarkFloorGoldmarkSerial is the same on one goroutine.
func BenchmarkFloorGoldmarkSerial(b *testing.B) {
	c := benchCorpus(1000)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		for _, cs := range c.Cases {
			buf.Reset()
			if err := floorMarkdown.Convert(cs.Body, &buf); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// parallel calls fn(0..n-1) on GOMAXPROCS goroutines.
func parallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for range max(1, min(n, gomaxprocs())) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

func gomaxprocs() int { return runtime.GOMAXPROCS(0) }
