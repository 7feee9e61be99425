package catalog

import (
	"sort"
	"strings"
)

// Catalog is a complete, checked set of cases and factors. It is not changed
// after it is built, so any number of goroutines may read it.
type Catalog struct {
	Cases    []*Case   // sorted by slug
	Factors  []*Factor // sorted by title
	Synonyms [][]string
	Problems Problems // everything found while loading, sorted

	cases         map[string]*Case
	factors       map[string]*Factor
	casesByFactor map[string][]*Case
}

// build indexes cases and factors into a catalogue; they are already
// checked against each other.
func build(cases []*Case, factors []*Factor, synonyms [][]string, problems Problems) *Catalog {
	cat := &Catalog{
		Synonyms:      synonyms,
		cases:         make(map[string]*Case, len(cases)),
		factors:       make(map[string]*Factor, len(factors)),
		casesByFactor: map[string][]*Case{},
	}
	cat.Problems = append(cat.Problems, problems...)
	cat.Factors = factors
	for _, f := range factors {
		cat.factors[f.Slug] = f
	}
	sort.Slice(cat.Factors, func(i, j int) bool {
		a, b := strings.ToLower(cat.Factors[i].Title), strings.ToLower(cat.Factors[j].Title)
		if a != b {
			return a < b
		}
		return cat.Factors[i].Slug < cat.Factors[j].Slug
	})
	cat.Cases = cases
	sort.Slice(cat.Cases, func(i, j int) bool { return cat.Cases[i].Slug < cat.Cases[j].Slug })
	for _, c := range cat.Cases {
		cat.cases[c.Slug] = c
		for _, f := range c.Factors {
			cat.casesByFactor[f] = append(cat.casesByFactor[f], c)
		}
	}
	for _, f := range cat.Factors {
		if len(cat.casesByFactor[f.Slug]) == 0 {
			cat.Problems = append(cat.Problems, Problem{File: f.Path, Severity: Warning,
				Message: "no case lists the factor \"" + f.Slug + "\""})
		}
	}
	cat.Problems.Sort()
	return cat
}

// Case returns the case with the given slug.
func (cat *Catalog) Case(slug string) (*Case, bool) {
	c, ok := cat.cases[slug]
	return c, ok
}

// Factor returns the factor with the given slug.
func (cat *Catalog) Factor(slug string) (*Factor, bool) {
	f, ok := cat.factors[slug]
	return f, ok
}

// CasesWithFactor returns the cases that show a factor, sorted by slug.
func (cat *Catalog) CasesWithFactor(slug string) []*Case {
	return cat.casesByFactor[slug]
}
