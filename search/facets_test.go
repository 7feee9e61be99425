package search

import (
	"context"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
	"github.com/casebook/casebook/internal/corpus"
)

// bleveFacets computes q's facets the way bleve counts terms facets: the
// reference that facets.go must agree with.
func bleveFacets(t *testing.T, ix *Index, q Query) Facets {
	t.Helper()
	if err := q.Validate(); err != nil {
		t.Fatal(err)
	}
	plan := ix.planText(parseText(q.Text), true)
	results := map[string]*bsearch.FacetResult{}
	req := bleve.NewSearchRequestOptions(buildQuery(plan, filterQuery(&q, "")), 0, 0, false)
	for _, ff := range facetFields {
		if ff.anyOf && len(q.selected(ff.field)) > 0 {
			one := bleve.NewSearchRequestOptions(buildQuery(plan, filterQuery(&q, ff.field)), 0, 0, false)
			one.AddFacet(ff.field, bleve.NewFacetRequest(ff.field, ix.facetSize(ff.field)))
			r, err := ix.idx.Search(one)
			if err != nil {
				t.Fatal(err)
			}
			results[ff.field] = r.Facets[ff.field]
			continue
		}
		req.AddFacet(ff.field, bleve.NewFacetRequest(ff.field, ix.facetSize(ff.field)))
	}
	r, err := ix.idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range r.Facets {
		results[k] = v
	}
	values := func(field string, selected []string) []FacetValue {
		out := []FacetValue{}
		seen := map[string]bool{}
		if fr := results[field]; fr != nil && fr.Terms != nil {
			for _, tf := range fr.Terms.Terms() {
				if tf.Term == "" {
					continue
				}
				out = append(out, FacetValue{Value: tf.Term, Label: ix.label(field, tf.Term), Count: tf.Count})
				seen[tf.Term] = true
			}
		}
		return ix.finishFacet(field, out, seen, selected)
	}
	return Facets{
		Factor: values(fieldFactor, q.Factors), Tag: values(fieldTag, q.Tags), Sector: values(fieldSector, q.Sectors),
		Level: values(fieldLevel, q.Levels), Country: values(fieldCountry, q.Countries), Status: values(fieldStatus, q.Statuses),
	}
}

// TestFacetsMatchBleve checks Casebook's facet counting against bleve's
// terms facets on the same queries.
func TestFacetsMatchBleve(t *testing.T) {
	fsys := corpus.Generate(400, 9).FS()
	// Edge cases: a tag twice in different case, no status, no tags.
	fsys["cases/edge-case.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Edge Case Digital Service\nsummary: Digital service pilot.\ncountry: Canada\nlevel: local\nyear: 2020\ntags: [Pilot, pilot, open data]\nsectors: [Health, health]\nfactors: [collaboration, collaboration]\n---\n## Challenge\n\nA digital service.\n")}
	fsys["cases/bare-case.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Bare Case\nsummary: Nothing else.\ncountry: Iceland\nlevel: national\nyear: 2001\nfactors: [staff-ideas]\n---\n## Challenge\n\nA digital service.\n")}
	for name, fs := range map[string]fstest.MapFS{"generated": fsys, "content": toMapFS(t)} {
		cat, err := catalog.Load(fs)
		if err != nil {
			t.Fatal(err)
		}
		ix, err := New(cat)
		if err != nil {
			t.Fatal(err)
		}
		queries := []Query{{}, {Text: "digital service"}, {Text: "zzzznothing"}, {Factors: []string{"collaboration"}},
			{Text: "pilot", Levels: []string{"local", "national"}}, {Text: "data", Countries: []string{"canada"}, Statuses: []string{"ongoing"}},
			{Tags: []string{"pilot"}, Sectors: []string{"health"}}, {Text: "budget", YearFrom: 2010, Levels: []string{"local"}, Countries: []string{"nowhere"}}}
		queries = append(queries, benchQueries()...)
		for _, q := range queries {
			resp, err := ix.Search(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			if want := bleveFacets(t, ix, q); !reflect.DeepEqual(resp.Facets, want) {
				t.Errorf("%s, query %+v:\n got %+v\nwant %+v", name, q, resp.Facets, want)
			}
		}
		ix.Close()
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
// values document indexes, in facetFields order.
func TestCaseFacetValuesMatchDocument(t *testing.T) {
	if facetFields[0].field != fieldFactor || facetFields[1].field != fieldTag || facetFields[2].field != fieldSector ||
		facetFields[3].field != fieldLevel || facetFields[4].field != fieldCountry || facetFields[5].field != fieldStatus || len(facetFields) != numFacets {
		t.Fatal("facetFields order changed: update caseFacetValues")
	}
	cat, err := catalog.Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	ix := &Index{cat: cat}
	for _, c := range cat.Cases {
		d := ix.document(c)
		got := caseFacetValues(c)
		want := [numFacets][]string{d.Factor, d.Tag, d.Sector, {d.Level}, {d.Country}, {d.Status}}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: facet values %v, document has %v", c.Slug, got, want)
		}
	}
}
