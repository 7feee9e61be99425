package search

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/casebook/casebook/catalog"
)

// fixedCostQueries returns n different one-word searches and n different
// filter-only searches over ix's catalogue: words the catalogue uses (in
// 2 to 20 cases), and combinations of a factor, a level and a status.
func fixedCostQueries(ix *Index, n int) (words, filters []Query) {
	v := ix.vocab()
	for i, term := range v.terms {
		if len(words) == n {
			break
		}
		if c := v.counts[i]; c >= 2 && c <= 20 && len(term) >= 4 && ix.suggestable(term) {
			words = append(words, Query{Text: term})
		}
	}
	var factors []string
	for _, f := range ix.cat.Factors {
		factors = append(factors, f.Slug)
	}
	for len(filters) < n {
		for _, f := range factors {
			for _, l := range catalog.Levels {
				for _, s := range catalog.Statuses {
					if len(filters) < n {
						filters = append(filters, Query{Factors: []string{f}, Levels: []string{l}, Statuses: []string{s}})
					}
				}
			}
		}
	}
	return words, filters
}

// BenchmarkFixedCost is the fixed cost of a text search (issue 17): on the
// embedded catalogue, each iteration runs one of 120 different one-word
// searches and one of 120 different filter-only searches, timing each, and
// reports both means and their ratio (text-x), measured in the same run so
// that the load of the machine cancels out.
//
//	go test -run '^$' -bench FixedCost -benchtime 3s ./search
func BenchmarkFixedCost(b *testing.B) {
	ix := embeddedIndex(b)
	words, filters := fixedCostQueries(ix, 120)
	if len(words) < 120 {
		b.Fatalf("only %d words", len(words))
	}
	ctx := context.Background()
	var text, filter time.Duration
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		t0 := time.Now()
		if _, err := ix.Search(ctx, words[i%len(words)]); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := ix.Search(ctx, filters[i%len(filters)]); err != nil {
			b.Fatal(err)
		}
		text += t1.Sub(t0)
		filter += time.Since(t1)
		i++
	}
	b.ReportMetric(float64(text.Microseconds())/float64(i), "text-µs")
	b.ReportMetric(float64(filter.Microseconds())/float64(i), "filter-µs")
	b.ReportMetric(float64(text)/float64(filter), "text-x")
}

// TestSameResultsAsBefore: typo clauses from the vocabulary and highlights
// from analysed texts give the results, scores and highlights that bleve's
// fuzzy queries and per-request analysis gave.
func TestSameResultsAsBefore(t *testing.T) {
	ix := embeddedIndex(t)
	cat := ix.cat
	before, err := New(cat)
	if err != nil {
		t.Fatal(err)
	}
	defer before.Close()
	before.bleveFuzzy, before.words = true, nil
	words, filters := fixedCostQueries(ix, 120)
	queries := append(words, filters[:10]...)
	for _, s := range []string{"reofending", "neighbourhod partisipatory", "interopability", "budgte", "medelin libary", "servce users", "goverment", "Sao Paulo"} {
		queries = append(queries, Query{Text: s})
	}
	ctx := context.Background()
	for _, q := range queries {
		got, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		want, err := before.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total || len(got.Results) != len(want.Results) {
			t.Fatalf("%q: total %d, before %d", q.Text, got.Total, want.Total)
		}
		for i := range got.Results {
			g, w := got.Results[i], want.Results[i]
			if g.Slug != w.Slug || math.Abs(g.Score-w.Score) > 1e-9*math.Max(1, w.Score) || !slices.Equal(g.Highlights, w.Highlights) {
				t.Errorf("%q result %d: %s %g %q, before %s %g %q", q.Text, i, g.Slug, g.Score, g.Highlights, w.Slug, w.Score, w.Highlights)
			}
		}
	}
}
