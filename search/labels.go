package search

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/text"
)

// Labels names filter and facet values as people see them, by one rule
// for every page: a factor slug by the factor's title; a level, status or
// completeness with its first letter in upper case ("national" becomes
// "National"); an evidence level as its digit; a tag, sector or country by
// its most common spelling in the catalogue (ties: the spelling that sorts
// first), since values are compared ignoring case. A value the catalogue
// does not know is shown as given. Build one per catalogue with NewLabels.
type Labels struct {
	factors map[string]string            // slug -> title
	text    map[string]map[string]string // facet -> lower-cased value -> spelling
}

// NewLabels collects the labels of cat's values.
func NewLabels(cat *catalog.Catalog) *Labels {
	l := &Labels{factors: map[string]string{}, text: map[string]map[string]string{}}
	for _, f := range cat.Factors {
		l.factors[f.Slug] = f.Title
	}
	spellings := map[string]map[string]map[string]int{} // facet -> key -> spelling -> cases
	count := func(facet string, values []string) {
		if spellings[facet] == nil {
			spellings[facet] = map[string]map[string]int{}
		}
		seen := map[string]bool{}
		for _, v := range values {
			v = strings.TrimSpace(v)
			k := strings.ToLower(v)
			if v == "" || seen[k] {
				continue
			}
			seen[k] = true
			if spellings[facet][k] == nil {
				spellings[facet][k] = map[string]int{}
			}
			spellings[facet][k][v]++
		}
	}
	for _, c := range cat.Cases {
		count("tag", c.Tags)
		count("sector", c.Sectors)
		count("country", []string{c.Country})
	}
	for facet, byKey := range spellings {
		l.text[facet] = make(map[string]string, len(byKey))
		for k, counts := range byKey {
			forms := slices.Collect(maps.Keys(counts))
			slices.SortFunc(forms, func(a, b string) int { return cmp.Or(counts[b]-counts[a], strings.Compare(a, b)) })
			l.text[facet][k] = forms[0]
		}
	}
	return l
}

// Label returns how value of the facet (or filter parameter) named facet
// is shown: see Labels.
func (l *Labels) Label(facet, value string) string {
	switch facet {
	case "factor":
		if t, ok := l.factors[strings.ToLower(value)]; ok {
			return t
		}
	case "level", "status", "completeness":
		return text.UpperFirst(value)
	case "tag", "sector", "country":
		if s, ok := l.text[facet][strings.ToLower(strings.TrimSpace(value))]; ok {
			return s
		}
	}
	return value
}
