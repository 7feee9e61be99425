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

// Assemble checks cases and factors against each other and builds a catalogue.
// A case that names an unknown factor keeps serving without it; the problem
// is reported with a suggestion. Of two cases with one slug the first (by
// path) is kept. problems already found are carried into the result.
func Assemble(cases []*Case, factors []*Factor, synonyms [][]string, problems Problems) *Catalog {
	cat := &Catalog{
		Synonyms:      synonyms,
		cases:         make(map[string]*Case, len(cases)),
		factors:       make(map[string]*Factor, len(factors)),
		casesByFactor: map[string][]*Case{},
	}
	cat.Problems = append(cat.Problems, problems...)

	sort.Slice(factors, func(i, j int) bool { return factors[i].Path < factors[j].Path })
	for _, f := range factors {
		if prev, dup := cat.factors[f.Slug]; dup {
			cat.Problems = append(cat.Problems, Problem{File: f.Path, Severity: Error,
				Message: "duplicate factor slug \"" + f.Slug + "\": " + prev.Path + " has it already"})
			continue
		}
		cat.factors[f.Slug] = f
		cat.Factors = append(cat.Factors, f)
	}
	sort.Slice(cat.Factors, func(i, j int) bool {
		return strings.ToLower(cat.Factors[i].Title) < strings.ToLower(cat.Factors[j].Title)
	})
	known := make([]string, 0, len(cat.Factors))
	for _, f := range cat.Factors {
		known = append(known, f.Slug)
	}
	sort.Strings(known)

	sort.Slice(cases, func(i, j int) bool { return cases[i].Path < cases[j].Path })
	for _, c := range cases {
		if prev, dup := cat.cases[c.Slug]; dup {
			cat.Problems = append(cat.Problems, Problem{File: c.Path, Severity: Error,
				Message: "duplicate slug \"" + c.Slug + "\": " + prev.Path + " has it already; rename one of the files"})
			continue
		}
		c = checkFactors(c, cat.factors, known, &cat.Problems)
		cat.cases[c.Slug] = c
		cat.Cases = append(cat.Cases, c)
		for _, f := range c.Factors {
			cat.casesByFactor[f] = append(cat.casesByFactor[f], c)
		}
	}
	sort.Slice(cat.Cases, func(i, j int) bool { return cat.Cases[i].Slug < cat.Cases[j].Slug })

	for _, f := range cat.Factors {
		if len(cat.casesByFactor[f.Slug]) == 0 {
			cat.Problems = append(cat.Problems, Problem{File: f.Path, Severity: Warning,
				Message: "no case lists the factor \"" + f.Slug + "\""})
		}
	}
	cat.Problems.Sort()
	return cat
}

// checkFactors returns c, or a copy without the factors that do not exist.
func checkFactors(c *Case, factors map[string]*Factor, known []string, problems *Problems) *Case {
	var keep []string
	for _, slug := range c.Factors {
		if _, ok := factors[slug]; ok {
			keep = append(keep, slug)
			continue
		}
		msg := "unknown factor \"" + slug + "\""
		if s := nearest(slug, known, 3); s != "" {
			msg += " (did you mean \"" + s + "\"?)"
		} else if len(known) > 0 {
			msg += "; known factors: " + strings.Join(known, ", ")
		}
		*problems = append(*problems, Problem{File: c.Path, Line: c.factorLine(slug), Severity: Error, Message: msg})
	}
	if len(keep) == len(c.Factors) {
		return c
	}
	cp := *c
	cp.Factors = keep
	return &cp
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

// ReleaseSources drops the Markdown source (Body) of every case and factor,
// which serving never reads (pages and the API show BodyHTML, the index
// and highlights Text), to save its memory: a fifth of a large catalogue.
// Call it before the catalogue is shared; it must not be exported after.
func (cat *Catalog) ReleaseSources() {
	for _, c := range cat.Cases {
		c.Body = ""
	}
	for _, f := range cat.Factors {
		f.Body = ""
	}
}
