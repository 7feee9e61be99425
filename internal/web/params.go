package web

import (
	"strings"

	"github.com/casebook/casebook/internal/cite"
	"github.com/casebook/casebook/search"
)

// Output formats of /api/v1/search.
const (
	formatJSON = "json"
	formatCSV  = "csv"
)

// searchParams is a parsed search request: the query plus the output format.
// Sort is "" unless the request gave one, so links keep the user's choice
// without spelling out defaults.
type searchParams struct {
	Query  search.Query
	Format string // formatJSON, formatCSV or a citation format (cite.Lookup)
}

// parseSearchParams reads the query string of /cases and /api/v1/search:
// the search through the filter table of package search, then the output
// format. It returns a *search.QueryError, with a message fit to show, for
// anything the caller must change.
func parseSearchParams(rawQuery string) (searchParams, error) {
	q, vals, err := search.ParseRawQuery(rawQuery)
	if err != nil {
		return searchParams{}, err
	}
	format, err := search.Single(vals, "format")
	if err != nil {
		return searchParams{}, err
	}
	p := searchParams{Query: q}
	switch f := strings.ToLower(strings.TrimSpace(format)); f {
	case "", formatJSON:
		p.Format = formatJSON
	case formatCSV:
		p.Format = formatCSV
	default:
		if _, ok := cite.Lookup(f); !ok {
			return p, &search.QueryError{Param: "format", Message: "format must be json, csv, bibtex, ris or csljson"}
		}
		p.Format = f
	}
	return p, nil
}

// encodeQuery writes q, and format unless it is JSON, as a query string in
// a fixed order, leaving out empty values and defaults, so equal searches
// have equal URLs.
func encodeQuery(q search.Query, format string) string {
	s := q.Encode()
	if format == "" || format == formatJSON {
		return s
	}
	if s != "" {
		s += "&"
	}
	return s + "format=" + format
}

// withQuery joins a path and a query string.
func withQuery(path, query string) string {
	if query == "" {
		return path
	}
	return path + "?" + query
}
