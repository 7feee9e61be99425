package search

import (
	"slices"
	"strconv"
	"strings"

	"github.com/casebook/casebook/catalog"
)

// Kind says how a filter narrows the cases.
type Kind int

// The kinds of filter.
const (
	AllOf   Kind = iota // a case must have every given value
	AnyOf               // a case must have one of the given values
	AtLeast             // a case's number must be at least the given one
	AtMost              // a case's number must be at most the given one
)

// Filter is one search filter, declared once in the filter table: URL
// parameter parsing and encoding, validation, facets, the index query and
// the CLI flags all come from it. Filters lists the table.
type Filter struct {
	Param string // URL parameter, e.g. "year_from"
	Flag  string // flag of `casebook search`, e.g. "year-from"
	Label string // name shown to people, e.g. "Year from"
	Kind  Kind
	// Facet names the facet counted for this filter in Facets ("" for
	// none). Facets of AnyOf and AtLeast filters ignore their own filter's
	// selection, so that a user can widen it; AllOf facets narrow.
	Facet string
	// Values lists the known values of an enumeration (level, status,
	// completeness); nil for free text and numbers. Unknown values are
	// accepted and simply match nothing.
	Values []string
	// Min and Max bound a number filter (AtLeast, AtMost); 0 means unset.
	Min, Max int

	field string // index field
	lower bool   // values are slugs or enumerations: lower-cased when parsed
	want  string // what a number must be, for error messages
	usage string // flag help text

	list       func(q *Query) *[]string       // where a list filter's values live
	number     func(q *Query) *int            // where a number filter's value lives
	facets     func(f *Facets) *[]FacetValue  // where the facet lives
	caseValues func(c *catalog.Case) []string // the case's facet values, as indexed
}

// filters is the filter table, in the order parameters are encoded.
var filters = []Filter{
	{Param: "factor", Flag: "factor", Label: "Success factor", Kind: AllOf, Facet: "factor", field: fieldFactor, lower: true,
		usage: "only cases showing this success factor (slug); repeat for several, all must match",
		list:  func(q *Query) *[]string { return &q.Factors }, facets: func(f *Facets) *[]FacetValue { return &f.Factor }, caseValues: caseFactors},
	{Param: "tag", Flag: "tag", Label: "Tag", Kind: AllOf, Facet: "tag", field: fieldTag,
		usage: "only cases with this tag; repeat for several, all must match",
		list:  func(q *Query) *[]string { return &q.Tags }, facets: func(f *Facets) *[]FacetValue { return &f.Tag }, caseValues: caseTags},
	{Param: "sector", Flag: "sector", Label: "Sector", Kind: AllOf, Facet: "sector", field: fieldSector,
		usage: "only cases in this sector; repeat for several, all must match",
		list:  func(q *Query) *[]string { return &q.Sectors }, facets: func(f *Facets) *[]FacetValue { return &f.Sector }, caseValues: caseSectors},
	{Param: "level", Flag: "level", Label: "Level of government", Kind: AnyOf, Facet: "level", Values: catalog.Levels, field: fieldLevel, lower: true,
		usage: "only cases at this level of government (" + strings.Join(catalog.Levels, ", ") + "); repeat for any of several",
		list:  func(q *Query) *[]string { return &q.Levels }, facets: func(f *Facets) *[]FacetValue { return &f.Level }, caseValues: caseLevel},
	{Param: "country", Flag: "country", Label: "Country", Kind: AnyOf, Facet: "country", field: fieldCountry,
		usage: "only cases from this country; repeat for any of several",
		list:  func(q *Query) *[]string { return &q.Countries }, facets: func(f *Facets) *[]FacetValue { return &f.Country }, caseValues: caseCountry},
	{Param: "status", Flag: "status", Label: "Status", Kind: AnyOf, Facet: "status", Values: catalog.Statuses, field: fieldStatus, lower: true,
		usage: "only cases with this status (" + strings.Join(catalog.Statuses, ", ") + "); repeat for any of several",
		list:  func(q *Query) *[]string { return &q.Statuses }, facets: func(f *Facets) *[]FacetValue { return &f.Status }, caseValues: caseStatus},
	{Param: "year_from", Flag: "year-from", Label: "Year from", Kind: AtLeast, Min: minYear, Max: maxYear, field: fieldYear,
		want: "a year such as 2015", usage: "only cases that started in this year or later",
		number: func(q *Query) *int { return &q.YearFrom }},
	{Param: "year_to", Flag: "year-to", Label: "Year to", Kind: AtMost, Min: minYear, Max: maxYear, field: fieldYear,
		want: "a year such as 2015", usage: "only cases that started in this year or earlier",
		number: func(q *Query) *int { return &q.YearTo }},
	{Param: "evidence_min", Flag: "evidence-min", Label: "Evidence level", Kind: AtLeast, Facet: "evidence", Min: 1, Max: 5, field: fieldEvidence,
		want: "an evidence level from 1 to 5", usage: "only cases whose evidence level (1 to 5) is at least this",
		number: func(q *Query) *int { return &q.EvidenceMin }, facets: func(f *Facets) *[]FacetValue { return &f.Evidence }, caseValues: caseEvidence},
	{Param: "completeness", Flag: "completeness", Label: "Completeness", Kind: AnyOf, Facet: "completeness", Values: catalog.Completenesses, field: fieldCompleteness, lower: true,
		usage: "only cases this complete (" + strings.Join(catalog.Completenesses, ", ") + "); repeat for any of several",
		list:  func(q *Query) *[]string { return &q.Completeness }, facets: func(f *Facets) *[]FacetValue { return &f.Completeness }, caseValues: caseCompleteness},
}

// Bounds of a year filter.
const (
	minYear = 1
	maxYear = 9999
)

// Filters returns the filter table: every filter of a search, in the order
// of its URL parameters.
func Filters() []Filter { return slices.Clone(filters) }

// LookupFilter returns the filter with URL parameter param.
func LookupFilter(param string) (Filter, bool) {
	i := slices.IndexFunc(filters, func(f Filter) bool { return f.Param == param })
	if i < 0 {
		return Filter{}, false
	}
	return filters[i], true
}

// facetFilters are the filters with a facet, in response order.
var facetFilters = slices.DeleteFunc(slices.Clone(filters), func(f Filter) bool { return f.Facet == "" })

// numFacets is len(facetFilters); arrays of counts are sized by it.
const numFacets = 8

// IsList reports whether the filter takes several values (AllOf, AnyOf)
// rather than one number (AtLeast, AtMost).
func (f Filter) IsList() bool { return f.list != nil }

// Strings returns the values q gives a list filter (nil for a number filter).
func (f Filter) Strings(q *Query) []string {
	if f.list == nil {
		return nil
	}
	return *f.list(q)
}

// Number returns the value q gives a number filter, 0 if unset or a list filter.
func (f Filter) Number(q *Query) int {
	if f.number == nil {
		return 0
	}
	return *f.number(q)
}

// Selected reports whether q uses this filter.
func (f Filter) Selected(q *Query) bool { return len(f.Strings(q)) > 0 || f.Number(q) != 0 }

// Without returns a copy of q without value in this filter (any value of a
// number filter), on the first page: the target of a "remove" link.
func (f Filter) Without(q Query, value string) Query {
	q = q.Clone()
	if f.list != nil {
		vals := f.list(&q)
		*vals = slices.DeleteFunc(*vals, func(v string) bool { return strings.EqualFold(v, value) })
	} else {
		*f.number(&q) = 0
	}
	q.Page = 0
	return q
}

// Narrow returns a copy of q that keeps only its cases with value in this
// list filter, on the first page: the target of a link from a count of
// those cases. An all-of filter gains the value; an any-of filter is
// replaced by it (adding would widen the search).
func (f Filter) Narrow(q Query, value string) Query {
	q = q.Clone()
	if f.list != nil {
		vals := f.list(&q)
		switch {
		case f.Kind != AllOf:
			*vals = []string{value}
		case !slices.ContainsFunc(*vals, func(v string) bool { return strings.EqualFold(v, value) }):
			*vals = append(*vals, value)
		}
	}
	q.Page = 0
	return q
}

// FacetValues returns this filter's facet in fs (nil without a facet).
func (f Filter) FacetValues(fs *Facets) []FacetValue {
	if f.facets == nil {
		return nil
	}
	return *f.facets(fs)
}

// ownSelectionIgnored reports whether the filter's facet is counted as if
// the filter were not set.
func (f Filter) ownSelectionIgnored() bool { return f.Kind != AllOf }

// The values of a case that the index holds for each keyword filter, and
// the facet table counts: one rule for both (document, newFacetTable).
func caseFactors(c *catalog.Case) []string      { return lowerAll(c.Factors) }
func caseTags(c *catalog.Case) []string         { return lowerAll(c.Tags) }
func caseSectors(c *catalog.Case) []string      { return lowerAll(c.Sectors) }
func caseLevel(c *catalog.Case) []string        { return []string{c.Level} }
func caseCountry(c *catalog.Case) []string      { return []string{strings.ToLower(c.Country)} }
func caseStatus(c *catalog.Case) []string       { return []string{c.Status} }
func caseCompleteness(c *catalog.Case) []string { return []string{c.Completeness} }

// caseEvidence is the case's evidence level as a facet value; none if unset.
func caseEvidence(c *catalog.Case) []string {
	if c.Evidence == 0 {
		return nil
	}
	return []string{strconv.Itoa(c.Evidence)}
}

func lowerAll(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = strings.ToLower(s)
	}
	return out
}
