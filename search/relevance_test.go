package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/catalog"
)

func slugs(rs []Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Slug
	}
	return out
}

func TestRelevance(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		name      string
		q         Query
		wantFirst string    // the top result
		wantIn    []string  // each must be found
		wantNotIn []string  // none may be found
		wantTotal int       // exact count; -1 to skip
		before    [2]string // the first slug must rank above the second
	}{
		// Stemming
		{name: "stem: plural finds -ing", q: Query{Text: "budgets"}, wantIn: []string{"neighbourhood-budgeting", "open-budget-portal"}, wantTotal: -1},
		{name: "stem: evaluated finds evaluation", q: Query{Text: "evaluated"}, wantIn: []string{"poverty-fund", "behavioural-insights"}, wantTotal: -1},
		{name: "stem: libraries finds library", q: Query{Text: "libraries"}, wantFirst: "medellin-library-parks", wantIn: []string{"community-hubs"}, wantTotal: -1},

		// Typos
		{name: "typo in one word", q: Query{Text: "reofending"}, wantFirst: "peterborough-impact-bond", wantTotal: -1},
		{name: "typo in every word", q: Query{Text: "neighbourhod partisipatory"}, wantFirst: "neighbourhood-budgeting", wantTotal: -1},
		{name: "two typos in a long word", q: Query{Text: "interopability"}, wantFirst: "x-road", wantTotal: -1},
		{name: "swapped letters are one typo", q: Query{Text: "budgte"}, wantIn: []string{"neighbourhood-budgeting", "porto-alegre"}, wantTotal: -1},
		{name: "swapped letters in a long word", q: Query{Text: "reoffedning"}, wantFirst: "peterborough-impact-bond", wantTotal: -1},
		{name: "short words get no typo tolerance", q: Query{Text: "dat"}, wantTotal: 0},
		{name: "exact match outranks typo match", q: Query{Text: "parts"}, before: [2]string{"nyc-311", "medellin-library-parks"}, wantTotal: -1},
		{name: "typo match found", q: Query{Text: "parks"}, before: [2]string{"medellin-library-parks", "nyc-311"}, wantTotal: -1},

		// Phrases and exclusions
		{name: "phrase", q: Query{Text: `"randomised controlled trials"`}, wantFirst: "behavioural-insights", wantTotal: 1},
		{name: "phrase words out of order do not match", q: Query{Text: `"trials controlled randomised"`}, wantTotal: 0},
		{name: "curly quotes make a phrase", q: Query{Text: "“library parks”"}, wantFirst: "medellin-library-parks", wantTotal: 1},
		{name: "exclusion", q: Query{Text: "budget -neighbourhood"}, wantIn: []string{"porto-alegre", "open-budget-portal"}, wantNotIn: []string{"neighbourhood-budgeting"}, wantTotal: -1},
		{name: "excluded phrase", q: Query{Text: `city -"open data"`}, wantIn: []string{"nyc-311"}, wantNotIn: []string{"open-budget-portal"}, wantTotal: -1},
		{name: "all words must match", q: Query{Text: "library transit"}, wantTotal: 1, wantFirst: "medellin-library-parks"},

		// Synonyms, both ways
		{name: "synonym: acronym finds full term", q: Query{Text: "pb"}, wantIn: []string{"neighbourhood-budgeting", "porto-alegre"}, wantTotal: 2},
		{name: "synonym: full term finds variant", q: Query{Text: "participatory budgeting"}, wantIn: []string{"neighbourhood-budgeting", "porto-alegre"}, wantTotal: 2},
		{name: "synonym: variant finds full term", q: Query{Text: "citizen budget"}, wantIn: []string{"neighbourhood-budgeting", "porto-alegre"}, wantTotal: 2},
		{name: "synonym: multi-word alias", q: Query{Text: "nudge unit"}, wantFirst: "behavioural-insights", wantTotal: 1},
		{name: "synonym: dm", q: Query{Text: "dm"}, wantFirst: "deputys-den", wantTotal: 1},
		{name: "synonym with other words", q: Query{Text: "pb wards"}, wantFirst: "neighbourhood-budgeting", wantTotal: 1},

		// Punctuation and numbers
		{name: "GOV.UK", q: Query{Text: "GOV.UK"}, wantFirst: "single-government-website", wantTotal: 1},
		{name: "gov.uk lower case", q: Query{Text: "gov.uk"}, wantFirst: "single-government-website", wantTotal: 1},
		{name: "possessive", q: Query{Text: "Deputy's"}, wantFirst: "deputys-den", wantTotal: -1},
		{name: "possessive without apostrophe", q: Query{Text: "deputys den"}, wantFirst: "deputys-den", wantTotal: -1},
		{name: "hyphenated", q: Query{Text: "once-only"}, wantFirst: "x-road", wantTotal: 1},
		{name: "number", q: Query{Text: "311"}, wantFirst: "nyc-311", wantTotal: 1},
		{name: "year in text", q: Query{Text: "1989"}, wantFirst: "porto-alegre", wantTotal: 1},
		{name: "year started as a word", q: Query{Text: "2016"}, wantFirst: "free-agents", wantTotal: 1},
		{name: "accent folded in query", q: Query{Text: "medellin"}, wantFirst: "medellin-library-parks", wantTotal: 1},
		{name: "accent added in query", q: Query{Text: "Sao Paulo"}, wantFirst: "poupatempo", wantTotal: 1},
		{name: "accent kept in query", q: Query{Text: "São Paulo"}, wantFirst: "poupatempo", wantTotal: 1},

		// Fields beyond the body
		{name: "tag", q: Query{Text: "interoperability"}, wantFirst: "x-road", wantTotal: 1},
		{name: "sector", q: Query{Text: "justice"}, wantFirst: "peterborough-impact-bond", wantTotal: -1},
		{name: "place", q: Query{Text: "toronto"}, wantFirst: "neighbourhood-budgeting", wantTotal: 1},
		{name: "factor title", q: Query{Text: "stove-piped funding"}, wantIn: []string{"community-hubs", "poverty-fund", "peterborough-impact-bond"}, wantTotal: 3},
		{name: "factor alias", q: Query{Text: "senior sponsorship"}, wantIn: []string{"deputys-den", "medellin-library-parks"}, wantTotal: 2},

		// Boosts
		{name: "title outranks body", q: Query{Text: "library"}, wantFirst: "medellin-library-parks", wantTotal: -1},
		{name: "exact title ranks first", q: Query{Text: "community hubs in schools"}, wantFirst: "community-hubs", wantTotal: -1},
		{name: "title outranks summary", q: Query{Text: "website"}, wantFirst: "single-government-website", wantTotal: -1},

		// Filters alone and combined
		{name: "factor filter", q: Query{Factors: []string{"flexible-funding"}}, wantIn: []string{"community-hubs", "poverty-fund", "peterborough-impact-bond"}, wantTotal: 3},
		{name: "two factors: all of", q: Query{Factors: []string{"flexible-funding", "collaboration"}}, wantFirst: "community-hubs", wantTotal: 1},
		{name: "tag filter, case-insensitive", q: Query{Tags: []string{"Civic Engagement"}}, wantIn: []string{"neighbourhood-budgeting", "porto-alegre"}, wantTotal: 2},
		{name: "sector filter, written two ways", q: Query{Sectors: []string{"finance"}}, wantIn: []string{"neighbourhood-budgeting", "porto-alegre", "open-budget-portal"}, wantTotal: 3},
		{name: "two sectors: all of", q: Query{Sectors: []string{"social services", "education"}}, wantFirst: "community-hubs", wantTotal: 1},
		{name: "level filter", q: Query{Levels: []string{"provincial"}}, wantIn: []string{"deputys-den", "community-hubs", "poverty-fund", "poupatempo"}, wantTotal: 4},
		{name: "two levels: any of", q: Query{Levels: []string{"provincial", "local"}}, wantTotal: 9},
		{name: "country filter, case-insensitive", q: Query{Countries: []string{"canada"}}, wantTotal: 5},
		{name: "two countries: any of", q: Query{Countries: []string{"Brazil", "Estonia"}}, wantIn: []string{"porto-alegre", "poupatempo", "x-road"}, wantTotal: 3},
		{name: "status filter", q: Query{Statuses: []string{"discontinued"}}, wantIn: []string{"mindlab", "open-budget-portal"}, wantTotal: 2},
		{name: "year range inclusive", q: Query{YearFrom: 2010, YearTo: 2012}, wantIn: []string{"behavioural-insights", "peterborough-impact-bond", "single-government-website"}, wantTotal: 3},
		{name: "year from only", q: Query{YearFrom: 2016}, wantFirst: "free-agents", wantTotal: 1},
		{name: "reversed year range is empty", q: Query{YearFrom: 2015, YearTo: 2001}, wantTotal: 0},
		{name: "unknown filter value matches nothing", q: Query{Factors: []string{"no-such-factor"}}, wantTotal: 0},
		{name: "text and filters combined", q: Query{Text: "buildings", Countries: []string{"Canada"}, Factors: []string{"collaboration"}, YearFrom: 2015}, wantFirst: "community-hubs", wantTotal: 1},
		{name: "text, filters and year", q: Query{Text: "services", Levels: []string{"provincial"}, YearTo: 2000}, wantFirst: "poupatempo", wantTotal: 1},

		// Hostile text is only text
		{name: "field prefix is text, not a field query", q: Query{Text: `summary:wards`}, wantTotal: 0},
		{name: "field prefix words still match as text", q: Query{Text: `title:library`}, wantTotal: 0},
		{name: "wildcards are text", q: Query{Text: "*zq* /.*/ ?"}, wantTotal: 0},
		{name: "a wildcard does not expand", q: Query{Text: "libr*"}, wantTotal: 0},
		{name: "operators are text", q: Query{Text: `+budget AND (porto OR ~^\) || !`}, wantIn: []string{"porto-alegre"}, wantTotal: -1},
		{name: "only stop words browse everything", q: Query{Text: "the of"}, wantTotal: len(testCases)},
		{name: "only an exclusion", q: Query{Text: "-porto"}, wantNotIn: []string{"porto-alegre"}, wantTotal: len(testCases) - 1},
		{name: "British and American spelling", q: Query{Text: "behavioral"}, wantFirst: "behavioural-insights", wantTotal: -1},
		{name: "hyphen or space", q: Query{Text: "one stop shops"}, wantFirst: "poupatempo", wantTotal: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.PerPage = 100
			resp := ix.mustSearch(t, tt.q)
			got := slugs(resp.Results)
			if tt.wantTotal >= 0 && resp.Total != tt.wantTotal {
				t.Errorf("total = %d, want %d: %v", resp.Total, tt.wantTotal, got)
			}
			if resp.Total != len(got) {
				t.Errorf("total %d but %d results", resp.Total, len(got))
			}
			if tt.wantFirst != "" && (len(got) == 0 || got[0] != tt.wantFirst) {
				t.Errorf("first = %v, want %s", got, tt.wantFirst)
			}
			for _, s := range tt.wantIn {
				if !slices.Contains(got, s) {
					t.Errorf("%s not found in %v", s, got)
				}
			}
			if tt.before[0] != "" {
				i, j := slices.Index(got, tt.before[0]), slices.Index(got, tt.before[1])
				if i < 0 || j < 0 || i > j {
					t.Errorf("want %s before %s: %v", tt.before[0], tt.before[1], got)
				}
			}
			for _, s := range tt.wantNotIn {
				if slices.Contains(got, s) {
					t.Errorf("%s found in %v", s, got)
				}
			}
		})
	}
}

func TestSorts(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		sort  string
		text  string
		check func([]Result) bool
	}{
		{SortNewest, "", func(rs []Result) bool {
			return slices.IsSortedFunc(rs, func(a, b Result) int { return b.Year - a.Year })
		}},
		{SortOldest, "", func(rs []Result) bool {
			return slices.IsSortedFunc(rs, func(a, b Result) int { return a.Year - b.Year }) && rs[0].Slug == "porto-alegre"
		}},
		{SortTitle, "", func(rs []Result) bool {
			// Accents fold: Medellín sorts among the M titles.
			return slices.IsSortedFunc(rs, func(a, b Result) int {
				return strings.Compare(strings.ToLower(foldForTest(a.Title)), strings.ToLower(foldForTest(b.Title)))
			})
		}},
		{"", "", func(rs []Result) bool { // default without text: newest
			return rs[0].Year == 2016
		}},
		{"", "budget", func(rs []Result) bool { // default with text: relevance
			return slices.IsSortedFunc(rs, func(a, b Result) int {
				switch {
				case a.Score > b.Score:
					return -1
				case a.Score < b.Score:
					return 1
				}
				return 0
			})
		}},
		{SortNewest, "budget", func(rs []Result) bool {
			return slices.IsSortedFunc(rs, func(a, b Result) int { return b.Year - a.Year })
		}},
	}
	for _, tt := range tests {
		t.Run(tt.sort+"/"+tt.text, func(t *testing.T) {
			resp := ix.mustSearch(t, Query{Text: tt.text, Sort: tt.sort, PerPage: 100})
			if len(resp.Results) < 2 || !tt.check(resp.Results) {
				for _, r := range resp.Results {
					t.Logf("%d %.3f %s", r.Year, r.Score, r.Title)
				}
				t.Errorf("order wrong for sort %q", tt.sort)
			}
		})
	}
}

func TestPagination(t *testing.T) {
	ix := newTestIndex(t)
	seen := map[string]bool{}
	for page := 1; page <= 4; page++ {
		resp := ix.mustSearch(t, Query{Sort: SortTitle, Page: page, PerPage: 4})
		if resp.Total != len(testCases) || resp.Page != page || resp.PerPage != 4 {
			t.Errorf("page %d: total %d page %d per_page %d", page, resp.Total, resp.Page, resp.PerPage)
		}
		want := min(4, len(testCases)-(page-1)*4)
		if len(resp.Results) != want {
			t.Errorf("page %d: %d results, want %d", page, len(resp.Results), want)
		}
		for _, r := range resp.Results {
			if seen[r.Slug] {
				t.Errorf("page %d repeats %s", page, r.Slug)
			}
			seen[r.Slug] = true
		}
	}
	if len(seen) != len(testCases) {
		t.Errorf("pages covered %d cases, want %d", len(seen), len(testCases))
	}
	resp, err := ix.Search(context.Background(), Query{Page: 99})
	if err != nil || len(resp.Results) != 0 || resp.Total != len(testCases) {
		t.Errorf("page past the end: %v, %+v", err, resp)
	}
}

func TestQueryErrors(t *testing.T) {
	ix := newTestIndex(t)
	tests := []struct {
		name  string
		q     Query
		param string
	}{
		{"text too long", Query{Text: strings.Repeat("a", MaxQueryLen+1)}, "q"},
		{"too many terms", Query{Text: strings.Repeat("word ", MaxQueryTerms+1)}, "q"},
		{"too many words in a phrase", Query{Text: `"` + strings.Repeat("word ", MaxQueryTerms+1) + `"`}, "q"},
		{"too many parts in a compound", Query{Text: strings.Repeat("a-", MaxQueryTerms+1) + "b"}, "q"},
		{"per_page too big", Query{PerPage: MaxPerPage + 1}, "per_page"},
		{"per_page negative", Query{PerPage: -1}, "per_page"},
		{"page negative", Query{Page: -3}, "page"},
		{"page too deep", Query{Page: 1 << 20}, "page"},
		{"unknown sort", Query{Sort: "random"}, "sort"},
		{"too many filter values", Query{Tags: make([]string, MaxFilterValues+1)}, "tag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ix.Search(context.Background(), tt.q)
			qe, ok := err.(*QueryError)
			if !ok {
				t.Fatalf("err = %v, want *QueryError", err)
			}
			if qe.Param != tt.param || qe.Message == "" {
				t.Errorf("error = %+v, want param %q", qe, tt.param)
			}
		})
	}
	if _, err := ix.Search(context.Background(), Query{Text: strings.Repeat("é", MaxQueryLen)}); err != nil {
		t.Errorf("500 accented characters should be allowed: %v", err)
	}
}

func TestMatchesAndCount(t *testing.T) {
	ix := newTestIndex(t)
	q := Query{Countries: []string{"Canada"}, Sort: SortTitle}
	cases, err := ix.Matches(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	n, err := ix.Count(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 5 || n != 5 || cases[0].Slug != "community-hubs" {
		t.Errorf("matches = %d (first %s), count = %d", len(cases), cases[0].Slug, n)
	}
}

func TestMatchSet(t *testing.T) {
	ix := newTestIndex(t)
	for _, q := range []Query{
		{Countries: []string{"Canada"}, Sort: SortTitle, Page: 3, PerPage: 1},
		{Text: "community", Sort: SortNewest},
		{},
	} {
		all, err := ix.Matches(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		set, err := ix.MatchSet(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		slugs := func(cs []*catalog.Case) []string {
			var out []string
			for _, c := range cs {
				out = append(out, c.Slug)
			}
			return out
		}
		want := slugs(all)
		slices.Sort(want)
		if got := slugs(set); len(got) == 0 || !slices.Equal(got, want) {
			t.Errorf("%+v: MatchSet = %v, want every match in slug order %v", q, got, want)
		}
	}
	if _, err := ix.MatchSet(context.Background(), Query{YearFrom: 99999}); !IsQueryError(err) {
		t.Errorf("MatchSet of a bad query: %v, want a query error", err)
	}
}
