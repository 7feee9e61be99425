package web

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/search"
)

// searcher is what the server needs from a search index. *search.Index
// provides it; tests give the server failing and stub indexes.
type searcher interface {
	Search(ctx context.Context, q search.Query) (*search.Response, error)
	Matches(ctx context.Context, q search.Query) ([]*catalog.Case, error)
	MatchSet(ctx context.Context, q search.Query) ([]*catalog.Case, error)
	Related(slug string, n int) []*catalog.Case
	Close() error
}

// state is one catalogue with its index and the figures derived from it.
// It is never changed once built; a reload builds a new state and swaps it in
// (see Server.Publish), so a request sees one consistent catalogue.
type state struct {
	cat      *catalog.Catalog
	ix       searcher
	problems catalog.Problems // found loading cat
	labels   *search.Labels   // how filter values are shown
	loaded   time.Time
	version  string     // the content version, or "" when unknown
	zip      packageZip // the data package, kept when the base URL is fixed

	byFactor  map[string][]*catalog.Case // per factor slug, its cases newest first
	factorNum map[string]int             // per factor slug, its index in cat.Factors
	together  map[string][]factorPair    // per factor, the factors seen with it, most often first
	sectors   []countedValue             // by number of cases, then label
	countries []countedValue
	newest    []*catalog.Case // every case, newest year first, then by title
	recent    []*catalog.Case // every case, most recently added first

	orgs      []*catalog.Organisation            // in name order
	orgBySlug map[string]*catalog.Organisation   // per slug
	orgByKey  map[string]*catalog.Organisation   // per catalog.OrganisationKey
	orgByName map[string][]*catalog.Organisation // per folded name: one per country
	home      homeCharts                         // the home page's map and factor bars
}

// factorPair is a factor that appears in Count cases together with another.
type factorPair struct {
	*catalog.Factor
	Count int
}

// countedValue is a filter value with the number of cases that have it.
type countedValue struct {
	Value string // as used in a filter parameter
	Label string // as shown
	Count int
}

// newState derives the browse lists and counts of cat. ix must index cat.
func newState(cat *catalog.Catalog, ix searcher, problems catalog.Problems) *state {
	st := &state{
		cat:      cat,
		ix:       ix,
		problems: problems,
		labels:   search.NewLabels(cat),
		loaded:   time.Now().UTC(),
		byFactor: map[string][]*catalog.Case{},
		together: map[string][]factorPair{},
	}
	pairs := map[string]map[string]int{}
	for _, c := range cat.Cases {
		for _, f := range c.Factors {
			if pairs[f] == nil {
				pairs[f] = map[string]int{}
			}
			for _, g := range c.Factors {
				if g != f {
					pairs[f][g]++
				}
			}
		}
	}
	for f, withs := range pairs {
		var list []factorPair
		for g, n := range withs {
			if fg, ok := cat.Factor(g); ok {
				list = append(list, factorPair{fg, n})
			}
		}
		slices.SortFunc(list, func(a, b factorPair) int {
			return cmp.Or(b.Count-a.Count, strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)))
		})
		st.together[f] = list
	}
	st.sectors = countValues(cat.Cases, st.labels, "sector", func(c *catalog.Case) []string { return c.Sectors })
	st.countries = countValues(cat.Cases, st.labels, "country", func(c *catalog.Case) []string { return []string{c.Country} })
	st.newest = slices.Clone(cat.Cases)
	slices.SortStableFunc(st.newest, compareNewest)
	st.recent = slices.Clone(cat.Cases)
	slices.SortFunc(st.recent, catalog.CompareRecentlyAdded)
	for _, c := range st.newest {
		for _, f := range c.Factors {
			st.byFactor[f] = append(st.byFactor[f], c)
		}
	}
	st.factorNum = make(map[string]int, len(cat.Factors))
	for i, f := range cat.Factors {
		st.factorNum[f.Slug] = i
	}
	st.indexOrganisations()
	st.home = st.drawHome()
	return st
}

// compareNewest orders cases by year, newest first, then by title.
func compareNewest(a, b *catalog.Case) int { return catalog.CompareNewest(a, b) }

// countValues counts the cases per value of a free-text facet, comparing
// values case-insensitively; each is shown as labels names it (its most
// common spelling), most cases first.
func countValues(cases []*catalog.Case, labels *search.Labels, facet string, field func(*catalog.Case) []string) []countedValue {
	counts := map[string]int{}
	for _, c := range cases {
		seen := map[string]bool{}
		for _, v := range field(c) {
			k := strings.ToLower(strings.TrimSpace(v))
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			counts[k]++
		}
	}
	out := make([]countedValue, 0, len(counts))
	for k, n := range counts {
		label := labels.Label(facet, k)
		out = append(out, countedValue{Value: label, Label: label, Count: n})
	}
	slices.SortFunc(out, func(a, b countedValue) int {
		return cmp.Or(b.Count-a.Count, strings.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)))
	})
	return out
}

// factorTitle is the title of a factor slug, or the slug if it is unknown.
func (st *state) factorTitle(slug string) string { return st.labels.Label("factor", slug) }

// current is the state being served, or nil before the first is published.
func (s *Server) current() *state { return s.cur.Load() }

// setState makes st the state new requests see and returns the one it
// replaces (nil at first). Requests already running keep theirs.
func (s *Server) setState(st *state) *state { return s.cur.Swap(st) }
