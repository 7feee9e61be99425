package catalog

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Organisation is a body named in the organisations of one or more cases.
// Names are matched ignoring case, accents and punctuation; the same name
// in two countries ("Cabinet Office") is two organisations.
type Organisation struct {
	Slug    string  // from the name, plus the country when the name occurs in several
	Name    string  // the most common spelling
	Country string  // the most common spelling of its cases' country
	Cases   []*Case // newest year first, then by title
}

// URL is the organisation's path on the web catalogue.
func (o *Organisation) URL() string { return "/organisations/" + o.Slug }

// OrganisationKey is what two mentions of an organisation share when they
// are the same one: the folded name and country.
func OrganisationKey(name, country string) string {
	return Slugify(name) + "\x00" + Slugify(country)
}

// Organisations groups the organisations named by cases, in name order.
// Each gets a slug in Slugify form: from its name, or, when the name
// occurs in several countries, from its name and country; a slug taken
// already (or cut short to the same) gets "-2", "-3" and so on in name
// then country order, so slugs do not depend on the order of the cases.
// Names that fold to nothing are left out.
func Organisations(cases []*Case) []*Organisation {
	type group struct {
		org       *Organisation
		nameKey   string
		names     map[string]int
		countries map[string]int
	}
	groups := map[string]*group{}
	for _, c := range cases {
		seen := map[string]bool{}
		for _, name := range c.Organisations {
			name = strings.TrimSpace(name)
			key := OrganisationKey(name, c.Country)
			if Slugify(name) == "" || seen[key] {
				continue
			}
			seen[key] = true
			g := groups[key]
			if g == nil {
				g = &group{org: &Organisation{}, nameKey: Slugify(name), names: map[string]int{}, countries: map[string]int{}}
				groups[key] = g
			}
			g.names[name]++
			g.countries[strings.TrimSpace(c.Country)]++
			g.org.Cases = append(g.org.Cases, c)
		}
	}
	countriesOf := map[string]int{} // per name key, in how many countries it occurs
	list := make([]*group, 0, len(groups))
	for _, g := range groups {
		g.org.Name, g.org.Country = mostCommon(g.names), mostCommon(g.countries)
		countriesOf[g.nameKey]++
		list = append(list, g)
	}
	slices.SortFunc(list, func(a, b *group) int {
		return cmp.Or(strings.Compare(a.nameKey, b.nameKey), strings.Compare(Slugify(a.org.Country), Slugify(b.org.Country)))
	})
	taken := map[string]bool{}
	out := make([]*Organisation, len(list))
	for i, g := range list {
		slug := g.nameKey
		if countriesOf[g.nameKey] > 1 {
			slug = Slugify(g.org.Name + " " + g.org.Country)
		}
		base := slug
		for n := 2; taken[slug]; n++ {
			suffix := "-" + strconv.Itoa(n)
			slug = strings.TrimRight(base[:min(len(base), MaxSlugLen-len(suffix))], "-") + suffix
		}
		taken[slug] = true
		g.org.Slug = slug
		slices.SortFunc(g.org.Cases, CompareNewest)
		out[i] = g.org
	}
	return out
}

// CompareNewest orders cases by year, newest first, then by title and slug.
func CompareNewest(a, b *Case) int {
	return cmp.Or(b.Year-a.Year, strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), strings.Compare(a.Slug, b.Slug))
}

// mostCommon is the value counted most often, the smallest on a tie.
func mostCommon(counts map[string]int) string {
	best, bestN := "", 0
	for v, n := range counts {
		if n > bestN || n == bestN && v < best {
			best, bestN = v, n
		}
	}
	return best
}

// CountryWarnings lists, as warnings with file and line, the cases whose
// country known does not accept, naming suggest's spelling when it has one.
// The check is given by the caller (the world map's list of names), so
// that the catalogue does not depend on how places are drawn.
func CountryWarnings(cases []*Case, known func(country string) bool, suggest func(country string) (string, bool)) Problems {
	var out Problems
	for _, c := range cases {
		if known(c.Country) {
			continue
		}
		msg := "the map does not know the country " + strconv.Quote(c.Country)
		if s, ok := suggest(c.Country); ok {
			msg += `; write "` + s + `"`
		} else {
			msg += "; write the country's usual English name, or International or European Union"
		}
		out = append(out, Problem{File: c.Path, Line: c.countryLine, Severity: Warning, Message: msg})
	}
	return out
}
