package search

import (
	"context"
	"slices"
	"testing"
	"time"
)

// Words common in the synthetic corpus, whole and as typed (3 to 6
// letters), for BenchmarkPrefix.
var (
	typedWhole  = []string{"residents", "digital", "community", "waiting", "budget", "families", "pilot", "evidence", "tenants", "platform", "approvals", "teachers"}
	typedPrefix = []string{"resid", "digi", "commun", "wai", "budg", "famil", "pil", "evide", "tena", "platf", "appro", "teac"}
)

// Short queries and descriptions of six meaningful words for
// BenchmarkDescriptions.
var (
	twoWords            = []string{"digital service", "open data", "waiting times", "community hub", "young people", "data sharing", "mobile app", "small businesses", "front-line staff", "pilot program"}
	sixWordDescriptions = []string{
		"help older people reach services without long waiting",
		"cut paperwork for small businesses asking approvals",
		"share data safely between agencies and departments",
		"let residents decide budgets for local projects",
		"support nurses and teachers with better technology",
		"reduce repeat visits of patients to emergency rooms",
		"measure outcomes of community programs for young people",
		"give job seekers one front door for services",
		"test ideas quickly with front-line staff and users",
		"build trust with tenants through open government data",
	}
)

// pairLatencies runs a and b alternately through Index.Search on the
// synthetic corpus of n cases and reports percentiles of each (a-p50-ms,
// b-p99-ms, ...) and the ratios of b to a, measured in the same run.
func pairLatencies(b *testing.B, n int, a, bq []Query) {
	ix := benchIndex(b, n)
	ctx := context.Background()
	for _, q := range append(append([]Query{}, a...), bq...) {
		if _, err := ix.Search(ctx, q); err != nil { // warm up: first use reads the vocabulary
			b.Fatal(err)
		}
	}
	var la, lb latencies
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		for k, qs := range [][]Query{a, bq} {
			start := time.Now()
			if _, err := ix.Search(ctx, qs[i%len(qs)]); err != nil {
				b.Fatal(err)
			}
			if k == 0 {
				la = append(la, time.Since(start))
			} else {
				lb = append(lb, time.Since(start))
			}
		}
		i++
	}
	pa50, pa99 := la.percentiles()
	pb50, pb99 := lb.percentiles()
	b.ReportMetric(pa50, "a-p50-ms")
	b.ReportMetric(pa99, "a-p99-ms")
	b.ReportMetric(pb50, "b-p50-ms")
	b.ReportMetric(pb99, "b-p99-ms")
	b.ReportMetric(pb50/pa50, "p50-x")
	b.ReportMetric(pb99/pa99, "p99-x")
}

// percentiles returns the median and 99th percentile in milliseconds.
func (l latencies) percentiles() (p50, p99 float64) {
	if len(l) == 0 {
		return 0, 0
	}
	s := append(latencies{}, l...)
	slices.Sort(s)
	pct := func(p float64) float64 {
		return float64(s[min(len(s)-1, int(p*float64(len(s))))].Microseconds()) / 1000
	}
	return pct(0.50), pct(0.99)
}

func queriesOf(texts []string, prefix bool) []Query {
	out := make([]Query, len(texts))
	for i, t := range texts {
		out[i] = Query{Text: t, Prefix: prefix, PerPage: 20}
	}
	return out
}

// BenchmarkPrefix (issue 17): a is a whole-word search, b the same word
// typed part-way (3 to 6 letters) with Prefix; p99-x is b's p99 over a's.
//
//	go test -run '^$' -bench 'Prefix/10k' -benchtime 400x -timeout 30m ./search
func BenchmarkPrefix(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		pairLatencies(b, n, queriesOf(typedWhole, false), queriesOf(typedPrefix, true))
	})
}

// BenchmarkDescriptions (issue 18): a is a two-word query, b a description
// of six meaningful words (which falls back to most words when few cases
// have all); p50-x is b's median over a's.
//
//	go test -run '^$' -bench 'Descriptions/10k' -benchtime 400x -timeout 30m ./search
func BenchmarkDescriptions(b *testing.B) {
	forSizes(b, func(b *testing.B, n int) {
		pairLatencies(b, n, queriesOf(twoWords, false), queriesOf(sixWordDescriptions, false))
	})
}
