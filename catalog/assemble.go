package catalog

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Catalog assembles the catalogue of what the tree keeps: the cases and
// factors that can be published (see Tree), and every problem: those of the
// latest version of each file, and those between files.
func (t *Tree) Catalog() *Catalog {
	paths := slices.SortedFunc(maps.Keys(t.files), func(a, b string) int { return t.files[a].seq - t.files[b].seq })
	var problems Problems
	for _, ps := range t.folders {
		problems = append(problems, ps...)
	}
	var synonyms [][]string
	var caseFiles, factorFiles []string
	for _, p := range paths {
		f := t.files[p]
		problems = append(problems, f.problems...)
		switch kindOf(p) {
		case kindSynonyms:
			synonyms = f.groups
			f.stale = f.good && f.problems.HasErrors()
		case kindCase:
			caseFiles = append(caseFiles, p)
		default:
			factorFiles = append(factorFiles, p)
		}
	}
	if len(caseFiles) == 0 && !t.given {
		problems = append(problems, Problem{File: "cases", Severity: Warning, Message: "no case files (cases/*.md) found"})
	}
	if len(factorFiles) == 0 && len(t.deleted) == 0 && !t.given {
		problems = append(problems, Problem{File: "factors", Severity: Error, Message: "no factor files (factors/*.md) found"})
	}

	// Factors: the first file with a slug keeps it.
	factors := map[string]*Factor{}
	for _, p := range factorFiles {
		f := t.files[p]
		next := f.latestFactor
		if next != nil {
			if prev, dup := factors[next.Slug]; dup {
				problems = append(problems, Problem{File: p, Severity: Error,
					Message: fmt.Sprintf("duplicate factor slug %q: %s has it already; rename this file or delete it", next.Slug, prev.Path)})
				next = nil
			}
		}
		f.stale = false
		switch {
		case next != nil:
			f.publishedFactor = next
		case f.publishedFactor != nil && factors[f.publishedFactor.Slug] == nil:
			f.stale = true
		default:
			f.publishedFactor = nil
			continue
		}
		factors[f.publishedFactor.Slug] = f.publishedFactor
	}
	for slug := range t.deleted {
		if factors[slug] != nil {
			delete(t.deleted, slug) // another file has the factor now
		}
	}
	known := slices.Sorted(maps.Keys(factors))
	for slug := range t.deleted {
		known = append(known, slug)
	}
	isKnown := func(slug string) bool { return factors[slug] != nil || t.deleted[slug] != nil }

	// Cases: a version is published only if it has no error at all.
	cases := map[string]*Case{}
	for _, p := range caseFiles {
		f := t.files[p]
		next := f.latest
		ok := next != nil && !f.problems.HasErrors()
		if next != nil {
			for _, slug := range next.Factors {
				if !isKnown(slug) {
					problems = append(problems, unknownFactor(next, slug, known))
					ok = false
				}
			}
			if prev, dup := cases[next.Slug]; dup && ValidSlug(next.Slug) {
				problems = append(problems, Problem{File: p, Severity: Error,
					Message: fmt.Sprintf("duplicate slug %q: %s has it already; rename this file, or delete it if it is a copy", next.Slug, prev.Path)})
				ok = false
			}
		}
		f.stale = false
		switch {
		case ok:
			f.published = next
		case f.published != nil && cases[f.published.Slug] == nil && allKnown(f.published.Factors, isKnown):
			f.stale = true
		default:
			f.published = nil
			continue
		}
		cases[f.published.Slug] = f.published
	}

	// Deleted factors stay while cases use them, with one problem each.
	served := slices.Collect(maps.Values(factors))
	for _, slug := range slices.Sorted(maps.Keys(t.deleted)) {
		n := 0
		for _, c := range cases {
			if slices.Contains(c.Factors, slug) {
				n++
			}
		}
		if n == 0 {
			delete(t.deleted, slug)
			continue
		}
		fa := t.deleted[slug]
		problems = append(problems, Problem{File: fa.Path, Severity: Error, Count: n,
			Message: fmt.Sprintf("%s was deleted, but %s the factor %q; it is still served from its last version until you restore the file or remove %q from those cases",
				fa.Path, casesUse(n), slug, slug)})
		served = append(served, fa)
	}
	hasCase := func(slug string) bool { return cases[slug] != nil }
	hasFactor := func(slug string) bool { return isKnown(slug) }
	for _, p := range paths {
		f := t.files[p]
		switch {
		case f.latest != nil:
			problems = append(problems, checkSiteLinks(p, f.latest.links, hasCase, hasFactor)...)
		case f.latestFactor != nil:
			problems = append(problems, checkSiteLinks(p, f.latestFactor.links, hasCase, hasFactor)...)
		}
	}
	return build(slices.Collect(maps.Values(cases)), served, synonyms, problems)
}

// casesUse is "1 case uses" or "21 cases use".
func casesUse(n int) string {
	if n == 1 {
		return "1 case uses"
	}
	return fmt.Sprintf("%d cases use", n)
}

func allKnown(slugs []string, known func(string) bool) bool {
	for _, s := range slugs {
		if !known(s) {
			return false
		}
	}
	return true
}

// unknownFactor is the problem of a case naming a factor that does not exist.
func unknownFactor(c *Case, slug string, known []string) Problem {
	msg := fmt.Sprintf("unknown factor %q", slug)
	if s := nearest(slug, known, 3); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	} else if len(known) > 0 {
		msg += "; known factors: " + strings.Join(known, ", ")
	}
	msg += "; the case is not published until it is fixed"
	return Problem{File: c.Path, Line: c.factorLines[slug], Severity: Error, Message: msg}
}

// Assemble checks parsed cases and factors against each other and builds a
// catalogue by the rules of Tree: a case naming an unknown factor is left
// out, and of two files with one slug the first (fewest folders, then by
// path) is kept. problems already found are carried into the result.
func Assemble(cases []*Case, factors []*Factor, synonyms [][]string, problems Problems) *Catalog {
	t := NewTree()
	t.given = true
	add := map[string]*treeFile{}
	for _, c := range cases {
		add[c.Path] = &treeFile{latest: c}
	}
	for _, f := range factors {
		add[f.Path] = &treeFile{latestFactor: f}
	}
	if synonyms != nil {
		add[SynonymsFile] = &treeFile{groups: synonyms, good: true}
	}
	for _, p := range slices.SortedFunc(maps.Keys(add), byDepth) {
		t.seq++
		add[p].seq = t.seq
		t.files[p] = add[p]
	}
	cat := t.Catalog()
	cat.Problems = append(cat.Problems, problems...)
	cat.Problems.Sort()
	return cat
}
