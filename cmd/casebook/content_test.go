package main

import (
	"context"
	"slices"
	"testing"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
	"github.com/casebook/casebook/search"
)

// TestEmbeddedContent holds the default catalogue to the bar the product
// promises: enough cases, every factor shown by several, many countries,
// every level of government, and the seed post's cases easy to find.
func TestEmbeddedContent(t *testing.T) {
	cat, err := catalog.Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range cat.Problems {
		t.Errorf("problem: %s", p)
	}
	if n := len(cat.Cases); n < 30 {
		t.Errorf("%d cases, want at least 30", n)
	}
	if n := len(cat.Factors); n < 8 {
		t.Errorf("%d factors, want at least 8", n)
	}
	for _, f := range cat.Factors {
		if n := len(cat.CasesWithFactor(f.Slug)); n < 3 {
			t.Errorf("factor %s is shown by %d cases, want at least 3", f.Slug, n)
		}
	}
	countries := map[string]bool{}
	levels := map[string]bool{}
	for _, c := range cat.Cases {
		countries[c.Country] = true
		levels[c.Level] = true
		if len(c.Sources) == 0 {
			t.Errorf("%s names no source", c.Path)
		}
		for _, h := range []string{"challenge", "what-they-did", "results", "lessons"} {
			if !slices.ContainsFunc(c.Headings, func(x catalog.Heading) bool { return x.ID == h }) {
				t.Errorf("%s lacks the section %q", c.Path, h)
			}
		}
	}
	if len(countries) < 8 {
		t.Errorf("%d countries, want at least 8", len(countries))
	}
	for _, l := range catalog.Levels {
		if !levels[l] {
			t.Errorf("no case at the %s level", l)
		}
	}

	ix, err := search.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	seed := []struct{ query, slug string }{
		{"Deputy's Den", "deputys-den"},
		{"Community Hubs", "ontario-community-hubs"},
		{"ServiceOntario", "serviceontario"},
		{"Service Ontario", "serviceontario"},
		{"Local Poverty Reduction Fund", "local-poverty-reduction-fund"},
		{"Toronto participatory budgeting", "toronto-participatory-budgeting"},
		{"Toronto participatory budget", "toronto-participatory-budgeting"},
	}
	for _, s := range seed {
		resp, err := ix.Search(context.Background(), search.Query{Text: s.query, PerPage: 3})
		if err != nil {
			t.Fatal(err)
		}
		var top []string
		for _, r := range resp.Results {
			top = append(top, r.Slug)
		}
		if !slices.Contains(top, s.slug) {
			t.Errorf("search %q: top three are %v, want %s among them", s.query, top, s.slug)
		}
	}
}
