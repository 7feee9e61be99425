package search

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
)

var (
	embeddedOnce sync.Once
	embeddedIx   *Index
	embeddedErr  error
)

// embeddedIndex is one index of the embedded catalogue (content.FS), shared
// by the tests that read it (an Index never changes once built).
func embeddedIndex(t testing.TB) *Index {
	t.Helper()
	embeddedOnce.Do(func() {
		embeddedIx, embeddedErr = loadIndex(content.FS)
	})
	if embeddedErr != nil {
		t.Fatal(embeddedErr)
	}
	return embeddedIx
}

// descriptions are queries written as a user describes a problem, not with
// the case's own words, each with the cases that answer it: at least one of
// them must be among the top three results.
var descriptions = []struct {
	text string
	want []string
}{
	{"how can a city let residents choose what to build", []string{"porto-alegre-participatory-budgeting", "toronto-participatory-budgeting", "paris-participatory-budget"}},
	{"pay for outcomes instead of activities", []string{"peterborough-social-impact-bond"}},
	{"help people find every service in one office", []string{"service-nsw", "poupatempo-sao-paulo", "serviceontario", "service-canada"}},
	{"stop asking citizens for the same information twice", []string{"once-only-principle-eu", "estonia-x-road"}},
	{"use nudges and experiments to change behaviour", []string{"behavioural-insights-team"}},
	{"bring tech experts from industry into government for a short time", []string{"presidential-innovation-fellows", "us-digital-service"}},
	{"let staff pitch ideas directly to senior leaders", []string{"deputys-den"}},
	{"a single phone number for city questions and complaints", []string{"nyc-311"}},
	{"give foreigners a digital identity to run a company online", []string{"estonia-e-residency"}},
	{"biometric id number for a whole population", []string{"aadhaar-india"}},
	{"fix a failed government website with an elite team of engineers", []string{"us-digital-service"}},
	{"crowdsource solutions to public problems with prize money", []string{"challenge-gov"}},
	{"a lab where designers and citizens rethink policy", []string{"mindlab-denmark", "mexico-city-laboratorio-para-la-ciudad"}},
	{"public servants move between departments for short projects", []string{"canada-free-agents"}},
	{"reduce violence in poor neighbourhoods with libraries and parks", []string{"medellin-library-parks"}},
	{"share unused public spaces and goods between residents", []string{"seoul-sharing-city"}},
	{"one website replacing hundreds of department sites", []string{"gov-uk-government-digital-service"}},
	{"agencies working together on measurable targets for social problems", []string{"new-zealand-better-public-services"}},
	{"an app for parents of newborn children", []string{"singapore-moments-of-life"}},
	{"merge social services and housing into one department", []string{"peel-human-services"}},
	{"use empty school buildings as community service centres", []string{"ontario-community-hubs"}},
	{"fund local anti poverty projects that measure their results", []string{"local-poverty-reduction-fund"}},
	{"experiment with new ideas for city services with residents", []string{"boston-new-urban-mechanics"}},
	{"renew driver licences and health cards in one visit", []string{"serviceontario", "poupatempo-sao-paulo", "service-nsw"}},
	{"collect examples of public sector innovation from many countries", []string{"oecd-opsi"}},
}

// TestDescriptiveRelevance runs the descriptive queries over the embedded
// catalogue and reports the score (issue 18).
func TestDescriptiveRelevance(t *testing.T) {
	ix := embeddedIndex(t)
	hits := 0
	for _, d := range descriptions {
		resp := ix.mustSearch(t, Query{Text: d.text, PerPage: 3})
		got := slugs(resp.Results)
		if slices.ContainsFunc(d.want, func(s string) bool { return slices.Contains(got, s) }) {
			hits++
		} else {
			t.Errorf("%q: top 3 %v, want one of %v", d.text, got, d.want)
		}
	}
	t.Logf("descriptive queries: %d/%d with an expected case in the top 3", hits, len(descriptions))
}

// TestConcepts: the textbook one-stop shops come up for a description of
// one, ahead of cases that only share the common words.
func TestConcepts(t *testing.T) {
	ix := embeddedIndex(t)
	resp := ix.mustSearch(t, Query{Text: "one-stop shop for government services"})
	got := slugs(resp.Results)
	if len(got) == 0 || got[0] != "service-nsw" {
		t.Fatalf("first = %v, want service-nsw", got)
	}
	for _, s := range []string{"poupatempo-sao-paulo", "serviceontario"} {
		i := slices.Index(got, s)
		if i < 0 || i > 5 || i > slices.Index(got, "challenge-gov") && slices.Contains(got, "challenge-gov") {
			t.Errorf("%s at %d, want in the top 6 and above challenge-gov: %v", s, i, got)
		}
	}
}

// allWordsSet returns the slugs of every case that has all words of q.
func allWordsSet(t *testing.T, ix *Index, q Query) []string {
	t.Helper()
	if err := q.Validate(); err != nil {
		t.Fatal(err)
	}
	res, err := ix.searchPlan(context.Background(), &q, ix.planText(parseText(q.Text), true, q.Prefix), len(ix.cat.Cases), 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

// TestFallback checks the fallback for descriptions: all-words matches
// first and marked, the same set for total, facets, Matches and Count, and
// phrases, exclusions and filters as strict as ever.
func TestFallback(t *testing.T) {
	ix := embeddedIndex(t)
	ctx := context.Background()
	const desc = "how can a city let residents choose what to build"
	tests := []struct {
		name        string
		q           Query
		wantPartial bool
		check       func(t *testing.T, r Result) // each result must pass
	}{
		{name: "description", q: Query{Text: desc}, wantPartial: true},
		{name: "exclusion stays strict", q: Query{Text: desc + " -paris"}, wantPartial: true,
			check: func(t *testing.T, r Result) {
				if r.Slug == "paris-participatory-budget" {
					t.Errorf("excluded word found: %s", r.Slug)
				}
			}},
		{name: "phrase stays strict", q: Query{Text: desc + ` "participatory budgeting"`}, wantPartial: true,
			check: func(t *testing.T, r Result) {
				if !strings.Contains(strings.ToLower(ix.mustCase(t, r.Slug).Text+ix.mustCase(t, r.Slug).Summary), "participatory budget") {
					t.Errorf("%s lacks the phrase", r.Slug)
				}
			}},
		{name: "filter stays strict", q: Query{Text: desc, Levels: []string{"national"}}, wantPartial: true,
			check: func(t *testing.T, r Result) {
				if r.Level != "national" {
					t.Errorf("%s is %s, want national", r.Slug, r.Level)
				}
			}},
		{name: "two words stay strict", q: Query{Text: "library transit"}, wantPartial: false},
		{name: "enough all-words matches", q: Query{Text: "participatory budgeting city"}, wantPartial: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			q.PerPage = MaxPerPage
			resp, err := ix.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Partial != tt.wantPartial {
				t.Fatalf("Partial = %v, want %v (total %d, all-words %d)", resp.Partial, tt.wantPartial, resp.Total, resp.AllWordsTotal)
			}
			all := allWordsSet(t, ix, q)
			if resp.AllWordsTotal != len(all) {
				t.Errorf("AllWordsTotal = %d, want %d", resp.AllWordsTotal, len(all))
			}
			if len(resp.Results) != resp.Total {
				t.Fatalf("%d results on one page, total %d", len(resp.Results), resp.Total)
			}
			for i, r := range resp.Results {
				if want := slices.Contains(all, r.Slug); r.AllWords != want {
					t.Errorf("%s: AllWords = %v, want %v", r.Slug, r.AllWords, want)
				}
				if r.AllWords != (i < len(all)) {
					t.Errorf("%s at %d: all-words matches must come first (%d of them)", r.Slug, i, len(all))
				}
				if !r.AllWords && len(r.Highlights) == 0 {
					t.Errorf("%s: a fallback result without highlights", r.Slug)
				}
				if tt.check != nil {
					tt.check(t, r)
				}
			}
			n := 0
			for _, v := range resp.Facets.Completeness {
				n += v.Count
			}
			if n != resp.Total {
				t.Errorf("completeness facet counts %d cases, total %d", n, resp.Total)
			}
			matches, err := ix.Matches(ctx, q)
			if err != nil || len(matches) != resp.Total {
				t.Errorf("Matches = %d cases (%v), total %d", len(matches), err, resp.Total)
			}
			if c, err := ix.Count(ctx, q); err != nil || c != resp.Total {
				t.Errorf("Count = %d (%v), total %d", c, err, resp.Total)
			}
		})
	}
}

// TestMissingWords: a query no case has all the words of names the words
// that found nothing and shows what the others find.
func TestMissingWords(t *testing.T) {
	ix := embeddedIndex(t)
	resp := ix.mustSearch(t, Query{Text: "one stop shop quebec"})
	if !slices.Equal(resp.MissingWords, []string{"quebec"}) || resp.AllWordsTotal != 0 || resp.Total == 0 || !resp.Partial {
		t.Fatalf("missing %q, all-words %d, total %d, partial %v", resp.MissingWords, resp.AllWordsTotal, resp.Total, resp.Partial)
	}
	if got := slugs(resp.Results); got[0] != "service-nsw" {
		t.Errorf("results %v, want service-nsw first", got)
	}
}

func (ix *Index) mustCase(t *testing.T, slug string) *catalog.Case {
	t.Helper()
	c, ok := ix.cat.Case(slug)
	if !ok {
		t.Fatalf("no case %s", slug)
	}
	return c
}
