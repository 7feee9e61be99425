package search

import (
	"testing"

	"github.com/casebook/casebook/catalog"
)

func TestUpdate(t *testing.T) {
	ix := newTestIndex(t)
	cat := ix.cat

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
	if total(t, next, "zebra") != 1 || total(t, next, "quokka") != 1 || total(t, next, "mindlab") != 0 || total(t, next, "interoperability") != 0 {
		t.Errorf("update not applied")
	}
	if n := total(t, next, ""); n != len(testCases) {
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
	if st.Changed != 1 || total(t, again, "wombat") != 1 {
		t.Errorf("factor change: stats %+v, wombat found %d", st, total(t, again, "wombat"))
	}
}
