// Package search is Casebook's full-text index: a bleve (scorch) index built
// from a catalogue in memory, queried with user text that is parsed here and
// never handed to bleve's query-string syntax. It answers with ranked,
// highlighted results, filters, facet counts, "did you mean" suggestions and
// related cases.
//
// Every filter is declared once, in the filter table (Filters): its URL
// parameter, flag, label, index field, how values combine and its facet.
// From it come ParseValues and ParseRawQuery (URL parameters to a Query,
// with errors fit to show), Query.Encode and Query.Values (back to a URL),
// Query.Validate, the facets of a Response, the index query, and AddFlags
// with SplitArgs (the flags of `casebook search`). Labels is the one rule
// for how values are shown.
package search

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/casebook/casebook/catalog"
)

// Limits on a query.
const (
	MaxQueryLen     = 500 // characters of query text
	MaxQueryTerms   = 32  // words and phrases in the query text
	MaxPerPage      = 100
	DefaultPerPage  = 20
	MaxFilterValues = 50 // values of one filter parameter
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortNewest    = "newest"
	SortOldest    = "oldest"
	SortTitle     = "title"
)

// Sorts lists the accepted sort orders.
var Sorts = []string{SortRelevance, SortNewest, SortOldest, SortTitle}

// Query is a search: text plus filters, sort and page.
type Query struct {
	Text      string   // words, "phrases" and -exclusions; never a query language
	Factors   []string // factor slugs; a case must have all
	Tags      []string // a case must have all (case-insensitive)
	Sectors   []string // a case must have all (case-insensitive)
	Levels    []string // any of
	Countries []string // any of (case-insensitive)
	Statuses  []string // any of
	YearFrom  int      // inclusive; 0 for no bound
	YearTo    int      // inclusive; 0 for no bound
	// EvidenceMin keeps cases whose evidence level is at least this (1..5);
	// 0 for no bound.
	EvidenceMin  int
	Completeness []string // any of "complete", "partial", "stub"
	Sort         string   // "" picks relevance with text, newest without
	Page         int      // 1-based; 0 means 1
	PerPage      int      // 1..MaxPerPage; 0 means DefaultPerPage
	// Prefix makes the last word of Text also match as the start of a word,
	// ranked below whole-word matches: for results while the user types.
	Prefix bool
}

// QueryError is a query the caller must change; its message is fit to show.
type QueryError struct {
	Param   string // the parameter at fault, e.g. "per_page"
	Message string
}

// Error returns the message.
func (e *QueryError) Error() string { return e.Message }

// Validate checks the query's limits and fills in defaults.
func (q *Query) Validate() error {
	if n := len([]rune(q.Text)); n > MaxQueryLen {
		return &QueryError{"q", fmt.Sprintf("q is %d characters; the limit is %d", n, MaxQueryLen)}
	}
	if n := parseText(q.Text).typed; n > MaxQueryTerms {
		return &QueryError{"q", fmt.Sprintf("q has %d terms; the limit is %d", n, MaxQueryTerms)}
	}
	if q.PerPage == 0 {
		q.PerPage = DefaultPerPage
	}
	if q.PerPage < 1 || q.PerPage > MaxPerPage {
		return &QueryError{"per_page", fmt.Sprintf("per_page must be between 1 and %d", MaxPerPage)}
	}
	if q.Page == 0 {
		q.Page = 1
	}
	if q.Page < 1 {
		return &QueryError{"page", "page must be 1 or more"}
	}
	if q.Sort == "" {
		q.Sort = SortNewest
		if strings.TrimSpace(q.Text) != "" {
			q.Sort = SortRelevance
		}
	}
	if !slices.Contains(Sorts, q.Sort) {
		return &QueryError{"sort", "sort must be one of " + strings.Join(Sorts, ", ")}
	}
	for _, f := range filters {
		if n := len(f.Strings(q)); n > MaxFilterValues {
			return &QueryError{f.Param, fmt.Sprintf("%s is given %d times; the limit is %d", f.Param, n, MaxFilterValues)}
		}
		if n := f.Number(q); n != 0 && (n < f.Min || n > f.Max) {
			return &QueryError{f.Param, fmt.Sprintf("%s must be %s (got %q)", f.Param, f.want, strconv.Itoa(n))}
		}
	}
	return nil
}

// Result is one matching case.
type Result struct {
	catalog.Record
	Score        float64  `json:"score"`
	Evidence     int      `json:"evidence"`     // evidence level 1..5, 0 if unset
	Completeness string   `json:"completeness"` // complete, partial or stub
	Reviewed     string   `json:"reviewed"`     // YYYY-MM-DD the case was last checked, or ""
	Highlights   []string `json:"highlights"`   // HTML: escaped text with <mark> around matches
	// AllWords is false for a case shown only because it matches most of
	// the query's meaningful words (see Response.Partial).
	AllWords bool `json:"all_words"`
}

// FacetValue is one value of a facet with the number of matching cases.
type FacetValue struct {
	Value string `json:"value"` // as used in a filter parameter
	Label string `json:"label"` // as shown to people
	Count int    `json:"count"`
}

// Facets counts matching cases by each filterable field. For the any-of
// and at-least facets (level, country, status, evidence, completeness) the
// counts ignore that facet's own selection, so a user can widen it.
type Facets struct {
	Factor       []FacetValue `json:"factor"`
	Tag          []FacetValue `json:"tag"`
	Sector       []FacetValue `json:"sector"`
	Level        []FacetValue `json:"level"`
	Country      []FacetValue `json:"country"`
	Status       []FacetValue `json:"status"`
	Evidence     []FacetValue `json:"evidence"`     // values "1".."5"
	Completeness []FacetValue `json:"completeness"` // complete, partial, stub
}

// Response is a page of results.
type Response struct {
	Query      string   `json:"query"`
	Total      int      `json:"total"`
	Page       int      `json:"page"`
	PerPage    int      `json:"per_page"`
	Results    []Result `json:"results"`
	Facets     Facets   `json:"facets"`
	Suggestion string   `json:"suggestion,omitempty"` // a query that finds more, or ""
	// Partial is true when too few cases have every word of the query and
	// the results go on with cases that match most of its meaningful
	// words (their AllWords is false), after every all-words match.
	Partial bool `json:"partial,omitempty"`
	// AllWordsTotal is how many cases have every word (Total when not
	// Partial).
	AllWordsTotal int `json:"all_words_total"`
	// MissingWords are the words of a query that no case has all of which
	// found nothing by themselves (with the filters); the results show what
	// the other words find.
	MissingWords []string `json:"missing_words,omitempty"`
}

// Load returns the index of cat: on disk in dir, reusing what is there
// (see Open), or in memory when dir is "" (see New).
func Load(cat *catalog.Catalog, dir string) (*Index, error) {
	if dir == "" {
		return New(cat)
	}
	return Open(cat, dir)
}
