package search

import (
	"context"
	"reflect"
	"strconv"
	"testing"
	"testing/fstest"

	"github.com/blevesearch/bleve/v2"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
	"github.com/casebook/casebook/internal/corpus"
)

// bleveFacets computes q's facets the way bleve counts them (terms facets,
// and one numeric range per evidence level): the reference that facets.go
// must agree with.
func bleveFacets(t *testing.T, ix *Index, q Query) Facets {
	t.Helper()
	if err := q.Validate(); err != nil {
		t.Fatal(err)
	}
	ran, err := ix.run(context.Background(), &q, parseText(q.Text), 0, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	plan := ran.plan // the fallback's, if it ran
	var out Facets
	for i, f := range facetFilters {
		skip := ""
		if f.ownSelectionIgnored() && f.Selected(&q) {
			skip = f.Facet
		}
		req := bleve.NewSearchRequestOptions(buildQuery(plan, filterQuery(&q, skip)), 0, 0, false)
		fr := bleve.NewFacetRequest(f.field, ix.facetSize(i))
		if f.Kind == AtLeast {
			for n := f.Min; n <= f.Max; n++ {
				lo, hi := float64(n), float64(n+1)
				fr.AddNumericRange(strconv.Itoa(n), &lo, &hi)
			}
		}
		req.AddFacet(f.Facet, fr)
		r, err := ix.idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		vals := []FacetValue{}
		seen := map[string]bool{}
		add := func(term string, count int) {
			if term != "" && count > 0 {
				vals = append(vals, FacetValue{Value: term, Label: ix.labels.Label(f.Facet, term), Count: count})
				seen[term] = true
			}
		}
		res := r.Facets[f.Facet]
		if res.Terms != nil {
			for _, tf := range res.Terms.Terms() {
				add(tf.Term, tf.Count)
			}
		}
		for _, nr := range res.NumericRanges {
			add(nr.Name, nr.Count)
		}
		*f.facets(&out) = ix.finishFacet(i, vals, seen, f.Strings(&q))
	}
	return out
}

// TestFacetsMatchBleve checks Casebook's facet counting against bleve's
// terms facets on the same queries.
func TestFacetsMatchBleve(t *testing.T) {
	fsys := corpus.Generate(400, 9).FS()
	// Edge cases: a tag twice in different case, no status, no tags.
	fsys["cases/edge-case.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Edge Case Digital Service\nsummary: Digital service pilot.\ncountry: Canada\nlevel: local\nyear: 2020\nevidence: 3\ntags: [Pilot, pilot, open data]\nsectors: [Health, health]\nfactors: [collaboration, collaboration]\n---\n## Challenge\n\nA digital service.\n")}
	fsys["cases/bare-case.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Bare Case\nsummary: Nothing else.\ncountry: Iceland\nlevel: national\nyear: 2001\nfactors: [staff-ideas]\n---\n## Challenge\n\nA digital service.\n")}
	for name, fs := range map[string]fstest.MapFS{"generated": fsys, "content": toMapFS(t)} {
		ix := newIndexOf(t, fs)
		queries := []Query{{}, {Text: "digital service"}, {Text: "zzzznothing"}, {Factors: []string{"collaboration"}},
			{Text: "pilot", Levels: []string{"local", "national"}}, {Text: "data", Countries: []string{"canada"}, Statuses: []string{"ongoing"}},
			{Tags: []string{"pilot"}, Sectors: []string{"health"}}, {Text: "budget", YearFrom: 2010, Levels: []string{"local"}, Countries: []string{"nowhere"}},
			{EvidenceMin: 2}, {Text: "digital", EvidenceMin: 3, Completeness: []string{"stub", "partial"}}, {Completeness: []string{"complete"}, Levels: []string{"local"}}}
		queries = append(queries, benchQueries()...)
		for _, q := range queries {
			resp := ix.mustSearch(t, q)
			if want := bleveFacets(t, ix, q); !reflect.DeepEqual(resp.Facets, want) {
				t.Errorf("%s, query %+v:\n got %+v\nwant %+v", name, q, resp.Facets, want)
			}
		}
	}
}

func toMapFS(t *testing.T) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	for _, dir := range []string{"cases", "factors"} {
		entries, err := content.FS.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			data, _ := content.FS.ReadFile(dir + "/" + e.Name())
			out[dir+"/"+e.Name()] = &fstest.MapFile{Data: data}
		}
	}
	data, _ := content.FS.ReadFile(catalog.SynonymsFile)
	out[catalog.SynonymsFile] = &fstest.MapFile{Data: data}
	return out
}

// TestCaseFacetValuesMatchDocument: the facet table numbers exactly the
// values document indexes, in facetFilters order, and numFacets is right.
func TestCaseFacetValuesMatchDocument(t *testing.T) {
	if len(facetFilters) != numFacets {
		t.Fatalf("numFacets = %d, but %d filters have a facet", numFacets, len(facetFilters))
	}
	cat, err := catalog.Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	ix := &Index{cat: cat}
	for _, c := range cat.Cases {
		d := ix.document(c)
		byField := map[string][]string{fieldFactor: d.Factor, fieldTag: d.Tag, fieldSector: d.Sector, fieldLevel: d.Level,
			fieldCountry: d.Country, fieldStatus: d.Status, fieldCompleteness: d.Completeness}
		if d.Evidence != 0 {
			byField[fieldEvidence] = []string{strconv.Itoa(int(d.Evidence))}
		}
		got := caseFacetValues(c)
		for i, f := range facetFilters {
			if !reflect.DeepEqual(got[i], byField[f.field]) {
				t.Fatalf("%s: facet %s values %v, document has %v", c.Slug, f.Facet, got[i], byField[f.field])
			}
		}
	}
}

// facetCount is one expected count: the facet's values, the value, the
// count (-1: not listed) and what the count means.
type facetCount struct {
	vals  []FacetValue
	value string
	want  int
	about string
}

// checkCounts reports each facetCount whose value has another count.
func checkCounts(t *testing.T, wants []facetCount) {
	t.Helper()
	for _, w := range wants {
		got := -1
		for _, v := range w.vals {
			if v.Value == w.value {
				got = v.Count
			}
		}
		if got != w.want {
			t.Errorf("%s = %d, want %d%s", w.value, got, w.want, w.about)
		}
	}
}

func TestFacets(t *testing.T) {
	ix := newTestIndex(t)
	t.Run("no selection", func(t *testing.T) {
		f := ix.mustSearch(t, Query{}).Facets
		checkCounts(t, []facetCount{
			{f.Country, "canada", 5, ""},
			{f.Factor, "collaboration", 5, ""},
			{f.Sector, "finance", 3, " (written Finance and finance)"},
			{f.Level, "national", 6, ""},
			{f.Status, "ongoing", 9, ""},
			{f.Tag, "civic engagement", 2, " (tag)"},
		})
		if f.Factor[0].Label == f.Factor[0].Value {
			t.Errorf("factor label should be the title: %+v", f.Factor[0])
		}
		for _, v := range f.Factor {
			if v.Value == "collaboration" && v.Label != "A culture of collaboration" {
				t.Errorf("label = %q", v.Label)
			}
		}
		for _, v := range f.Country {
			if v.Value == "canada" && v.Label != "Canada" {
				t.Errorf("country label = %q, want Canada", v.Label)
			}
		}
	})
	t.Run("any-of facet ignores its own selection", func(t *testing.T) {
		resp := ix.mustSearch(t, Query{Countries: []string{"Canada"}})
		if resp.Total != 5 {
			t.Fatalf("total = %d", resp.Total)
		}
		f := resp.Facets
		checkCounts(t, []facetCount{
			{f.Country, "united kingdom", 3, " (counted as if country were not selected)"},
			{f.Country, "canada", 5, ""},
			{f.Level, "provincial", 3, " (Canadian cases only)"},
			{f.Level, "local", 1, ""},
			{f.Factor, "collaboration", 2, " among Canadian cases"},
		})
	})
	t.Run("all-of facet narrows", func(t *testing.T) {
		f := ix.mustSearch(t, Query{Factors: []string{"flexible-funding"}}).Facets
		checkCounts(t, []facetCount{
			{f.Factor, "flexible-funding", 3, ""},
			{f.Factor, "service-users", -1, " (-1: absent)"},
		})
	})
	t.Run("selected value with no match is still listed", func(t *testing.T) {
		f := ix.mustSearch(t, Query{Tags: []string{"no such tag"}}).Facets
		checkCounts(t, []facetCount{{f.Tag, "no such tag", 0, " (selected tag)"}})
	})
}
