package search

import (
	"context"
	"testing"

	"github.com/casebook/casebook/catalog"
)

func TestUpdate(t *testing.T) {
	fsys := testCatalogFS()
	cat, err := catalog.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := New(cat)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()

	// Edit one case, add one, remove one; keep the other cases' pointers, as
	// a reload that re-parses only changed files would.
	edited, ps := catalog.ParseCase("cases/x-road.md", []byte("---\ntitle: X-Road Zebra Layer\nsummary: Changed.\ncountry: Estonia\nlevel: national\nyear: 2001\nfactors: [digital-platforms]\n---\nBody.\n"))
	added, ps2 := catalog.ParseCase("cases/new-case.md", []byte("---\ntitle: A New Quokka Case\nsummary: Added.\ncountry: Canada\nlevel: local\nyear: 2020\nfactors: [collaboration]\n---\nBody.\n"))
	if edited == nil || added == nil {
		t.Fatal(ps, ps2)
	}
	var cases []*catalog.Case
	for _, c := range cat.Cases {
		switch c.Slug {
		case "x-road":
			cases = append(cases, edited)
		case "mindlab":
		default:
			cases = append(cases, c)
		}
	}
	cases = append(cases, added)
	nextCat := catalog.Assemble(cases, cat.Factors, cat.Synonyms, nil)
	next, st, err := ix.Update(nextCat)
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{Added: 1, Changed: 1, Removed: 1}) {
		t.Errorf("stats = %+v", st)
	}
	count := func(ix *Index, text string) int {
		resp, err := ix.Search(context.Background(), Query{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return resp.Total
	}
	if count(next, "zebra") != 1 || count(next, "quokka") != 1 || count(next, "mindlab") != 0 || count(next, "interoperability") != 0 {
		t.Errorf("update not applied")
	}
	if n := count(next, ""); n != len(testCases) {
		t.Errorf("browse total = %d, want %d", n, len(testCases))
	}

	// A factor's new title is searchable in the cases that show it.
	var factors []*catalog.Factor
	for _, f := range cat.Factors {
		if f.Slug == "hr-capacity" {
			nf := *f
			nf.Title = "Wombat talent"
			f = &nf
		}
		factors = append(factors, f)
	}
	again, st, err := next.Update(catalog.Assemble(nextCat.Cases, factors, cat.Synonyms, nil))
	if err != nil {
		t.Fatal(err)
	}
	if st.Changed != 1 || count(again, "wombat") != 1 {
		t.Errorf("factor change: stats %+v, wombat found %d", st, count(again, "wombat"))
	}
}
