package web

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/casebook/casebook/search"
)

// Limits on query parameters beyond those of search.Query.Validate.
const (
	maxPage         = 10000
	maxParamBytes   = 2000                   // bytes of one parameter value
	maxNameBytes    = 100                    // bytes of one parameter name
	maxParamRepeats = search.MaxFilterValues // values of one parameter, counted before duplicates are dropped
	maxParamValues  = 400                    // parameters in one query string (every value counts)
	minYear         = 1
	maxYear         = 9999
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
	Format string // formatJSON or formatCSV
}

// filterParams names the repeatable filter parameters in the order links list them.
var filterParams = []string{"factor", "tag", "sector", "level", "country", "status"}

// parseSearchParams reads the query string of /cases and /api/v1/search. It
// returns a *search.QueryError, with a message fit to show, for anything
// the caller must change.
func parseSearchParams(rawQuery string) (searchParams, error) {
	var p searchParams
	vals, err := url.ParseQuery(rawQuery)
	if err != nil {
		return p, badParam("", "the query string is malformed; check the address")
	}
	if err := checkParams(vals); err != nil {
		return p, err
	}
	q := &p.Query
	if q.Text, err = single(vals, "q"); err != nil {
		return p, err
	}
	lists := []*[]string{&q.Factors, &q.Tags, &q.Sectors, &q.Levels, &q.Countries, &q.Statuses}
	for i, name := range filterParams {
		*lists[i] = filterValues(vals[name], name == "factor" || name == "level" || name == "status")
	}
	if q.YearFrom, err = intParam(vals, "year_from", minYear, maxYear, "a year such as 2015"); err != nil {
		return p, err
	}
	if q.YearTo, err = intParam(vals, "year_to", minYear, maxYear, "a year such as 2015"); err != nil {
		return p, err
	}
	if q.Sort, err = single(vals, "sort"); err != nil {
		return p, err
	}
	q.Sort = strings.ToLower(strings.TrimSpace(q.Sort))
	if q.Sort != "" && !slices.Contains(search.Sorts, q.Sort) {
		return p, badParam("sort", "sort must be one of "+strings.Join(search.Sorts, ", "))
	}
	if q.Page, err = intParam(vals, "page", 1, maxPage, fmt.Sprintf("a page number from 1 to %d", maxPage)); err != nil {
		return p, err
	}
	if q.PerPage, err = intParam(vals, "per_page", 1, search.MaxPerPage, fmt.Sprintf("between 1 and %d", search.MaxPerPage)); err != nil {
		return p, err
	}
	format, err := single(vals, "format")
	if err != nil {
		return p, err
	}
	switch f := strings.ToLower(strings.TrimSpace(format)); f {
	case "", formatJSON:
		p.Format = formatJSON
	case formatCSV:
		p.Format = formatCSV
	default:
		return p, badParam("format", "format must be json or csv")
	}
	return p, nil
}

func badParam(param, msg string) error { return &search.QueryError{Param: param, Message: msg} }

// checkParams applies the limits every parameter shares, known or not:
// valid UTF-8, short names and values, and no parameter repeated beyond a
// sane count. Keys are checked in order so the error is always the same.
func checkParams(vals url.Values) error {
	keys := slices.Sorted(maps.Keys(vals))
	total := 0
	for _, key := range keys {
		if !utf8.ValidString(key) {
			return badParam("", "a parameter name is not valid UTF-8 text")
		}
		if len(key) > maxNameBytes {
			return badParam("", fmt.Sprintf("a parameter name is too long: the limit is %d bytes", maxNameBytes))
		}
		vs := vals[key]
		total += len(vs)
		if len(vs) > maxParamRepeats {
			return badParam(key, fmt.Sprintf("%s is given %d times; the limit is %d", key, len(vs), maxParamRepeats))
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return badParam(key, fmt.Sprintf("%s is not valid UTF-8 text", key))
			}
			if len(v) > maxParamBytes {
				return badParam(key, fmt.Sprintf("%s is too long: the limit is %d bytes", key, maxParamBytes))
			}
		}
	}
	if total > maxParamValues {
		return badParam("", fmt.Sprintf("the address has %d parameters; the limit is %d", total, maxParamValues))
	}
	return nil
}

// single returns the one value of a parameter that may be given only once.
// Given twice with the same value is fine; with different values it is an error.
func single(vals url.Values, name string) (string, error) {
	vs := vals[name]
	if len(vs) == 0 {
		return "", nil
	}
	for _, v := range vs[1:] {
		if v != vs[0] {
			return "", badParam(name, fmt.Sprintf("%s may be given only once", name))
		}
	}
	return vs[0], nil
}

// intParam reads a whole-number parameter in [lo, hi]; empty means 0 (not given).
func intParam(vals url.Values, name string, lo, hi int, want string) (int, error) {
	s, err := single(vals, name)
	if err != nil {
		return 0, err
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		shown := s
		if utf8.RuneCountInString(shown) > 20 {
			shown = string([]rune(shown)[:20]) + "…"
		}
		return 0, badParam(name, fmt.Sprintf("%s must be %s (got %q)", name, want, shown))
	}
	return n, nil
}

// filterValues trims and de-duplicates the values of a filter parameter,
// dropping empty ones. Slugs and enumerations are lower-cased; free text
// keeps its spelling (the search compares it case-insensitively).
func filterValues(vs []string, lower bool) []string {
	var out []string
	for _, v := range vs {
		v = strings.Join(strings.Fields(v), " ")
		if lower {
			v = strings.ToLower(v)
		}
		if v == "" || slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, v) }) {
			continue
		}
		out = append(out, v)
	}
	return out
}

// encodeQuery writes q, and format unless it is JSON, as a query string in
// a fixed order, leaving out empty values and defaults, so equal searches
// have equal URLs.
func encodeQuery(q search.Query, format string) string {
	var b strings.Builder
	add := func(k, v string) {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(k))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(v))
	}
	if strings.TrimSpace(q.Text) != "" {
		add("q", q.Text)
	}
	lists := [][]string{q.Factors, q.Tags, q.Sectors, q.Levels, q.Countries, q.Statuses}
	for i, name := range filterParams {
		for _, v := range lists[i] {
			add(name, v)
		}
	}
	if q.YearFrom != 0 {
		add("year_from", strconv.Itoa(q.YearFrom))
	}
	if q.YearTo != 0 {
		add("year_to", strconv.Itoa(q.YearTo))
	}
	if q.Sort != "" {
		add("sort", q.Sort)
	}
	if q.Page > 1 {
		add("page", strconv.Itoa(q.Page))
	}
	if q.PerPage != 0 {
		add("per_page", strconv.Itoa(q.PerPage))
	}
	if format != "" && format != formatJSON {
		add("format", format)
	}
	return b.String()
}

// withQuery joins a path and a query string.
func withQuery(path, query string) string {
	if query == "" {
		return path
	}
	return path + "?" + query
}

// cloneQuery copies q so its lists can be changed without touching q.
func cloneQuery(q search.Query) search.Query {
	q.Factors = slices.Clone(q.Factors)
	q.Tags = slices.Clone(q.Tags)
	q.Sectors = slices.Clone(q.Sectors)
	q.Levels = slices.Clone(q.Levels)
	q.Countries = slices.Clone(q.Countries)
	q.Statuses = slices.Clone(q.Statuses)
	return q
}
