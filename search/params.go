package search

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// URL parameters of a search besides the filters.
const (
	ParamText    = "q"
	ParamSort    = "sort"
	ParamPage    = "page"
	ParamPerPage = "per_page"
	// ParamPrefix set to 1 makes the last word also match as a prefix
	// (Query.Prefix): the search box sends it while the user types.
	ParamPrefix = "prefix"
)

// Limits on the parameters of a search request.
const (
	MaxPage         = 10000 // highest page number accepted
	maxParamBytes   = 2000  // bytes of one parameter value
	maxNameBytes    = 100   // bytes of one parameter name
	maxParamRepeats = MaxFilterValues
	maxParamValues  = 400 // parameters in one query string (every value counts)
)

// Param is one URL parameter of a search and the `casebook search` flag
// that sets the same thing ("" where the command line has none: the query
// text is the command's arguments, and it shows one page).
type Param struct {
	Name  string // URL parameter
	Flag  string // flag of `casebook search`, or ""
	Label string // name shown to people
}

// Params lists every URL parameter that ParseValues reads, in the order
// Encode writes them, each with its flag: the filter table plus text,
// sort and paging.
func Params() []Param {
	out := []Param{{ParamText, "", "Search words"}}
	for _, f := range filters {
		out = append(out, Param{f.Param, f.Flag, f.Label})
	}
	return append(out, Param{ParamSort, flagSort, "Sort order"}, Param{ParamPage, "", "Page"},
		Param{ParamPerPage, flagLimit, "Results per page"}, Param{ParamPrefix, "", "Match the last word as a prefix"})
}

// ParseRawQuery parses a URL query string into a Query, as ParseValues
// does, and also returns the parsed values so that the caller can read
// parameters of its own (such as an output format, with Single). A
// malformed query string is a *QueryError.
func ParseRawQuery(rawQuery string) (Query, url.Values, error) {
	vals, err := url.ParseQuery(rawQuery)
	if err != nil {
		return Query{}, nil, &QueryError{"", "the query string is malformed; check the address"}
	}
	q, err := ParseValues(vals)
	return q, vals, err
}

// ParseValues reads a search from URL parameters (see Params). Filter
// values are trimmed, empty ones and duplicates (compared ignoring case)
// dropped, and slugs and enumerations lower-cased; Sort stays "" unless
// given, so links keep the user's choice without spelling out defaults.
// Unknown parameters are ignored, but every parameter must be valid UTF-8
// and within size limits. Anything the caller must change is a
// *QueryError whose message is fit to show.
func ParseValues(vals url.Values) (Query, error) {
	return parseValues(vals, func(param string) string { return param })
}

// parseValues is ParseValues naming each parameter in errors by show(param).
func parseValues(vals url.Values, show func(string) string) (Query, error) {
	var q Query
	if err := checkParams(vals); err != nil {
		return q, err
	}
	var err error
	if q.Text, err = single(vals, ParamText, show); err != nil {
		return q, err
	}
	for _, f := range filters {
		if f.list != nil {
			*f.list(&q) = filterValues(vals[f.Param], f.lower)
			continue
		}
		if *f.number(&q), err = intParam(vals, f.Param, show, f.Min, f.Max, f.want); err != nil {
			return q, err
		}
	}
	if q.Sort, err = single(vals, ParamSort, show); err != nil {
		return q, err
	}
	q.Sort = strings.ToLower(strings.TrimSpace(q.Sort))
	if q.Sort != "" && !slices.Contains(Sorts, q.Sort) {
		return q, &QueryError{ParamSort, show(ParamSort) + " must be one of " + strings.Join(Sorts, ", ")}
	}
	if q.Page, err = intParam(vals, ParamPage, show, 1, MaxPage, fmt.Sprintf("a page number from 1 to %d", MaxPage)); err != nil {
		return q, err
	}
	if q.PerPage, err = intParam(vals, ParamPerPage, show, 1, MaxPerPage, fmt.Sprintf("between 1 and %d", MaxPerPage)); err != nil {
		return q, err
	}
	prefix, err := intParam(vals, ParamPrefix, show, 0, 1, "0 or 1")
	q.Prefix = prefix == 1
	return q, err
}

// checkParams applies the limits every parameter shares, known or not:
// valid UTF-8, short names and values, and no parameter repeated beyond a
// sane count. Keys are checked in order so the error is always the same.
func checkParams(vals url.Values) error {
	total := 0
	for _, key := range slices.Sorted(maps.Keys(vals)) {
		if !utf8.ValidString(key) {
			return &QueryError{"", "a parameter name is not valid UTF-8 text"}
		}
		if len(key) > maxNameBytes {
			return &QueryError{"", fmt.Sprintf("a parameter name is too long: the limit is %d bytes", maxNameBytes)}
		}
		vs := vals[key]
		total += len(vs)
		if len(vs) > maxParamRepeats {
			return &QueryError{key, fmt.Sprintf("%s is given %d times; the limit is %d", key, len(vs), maxParamRepeats)}
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return &QueryError{key, fmt.Sprintf("%s is not valid UTF-8 text", key)}
			}
			if len(v) > maxParamBytes {
				return &QueryError{key, fmt.Sprintf("%s is too long: the limit is %d bytes", key, maxParamBytes)}
			}
		}
	}
	if total > maxParamValues {
		return &QueryError{"", fmt.Sprintf("the address has %d parameters; the limit is %d", total, maxParamValues)}
	}
	return nil
}

// Single returns the one value of a parameter that may be given only once
// ("" if absent). The same value given twice is fine; different values are
// a *QueryError.
func Single(vals url.Values, name string) (string, error) {
	return single(vals, name, func(p string) string { return p })
}

func single(vals url.Values, name string, show func(string) string) (string, error) {
	vs := vals[name]
	if len(vs) == 0 {
		return "", nil
	}
	for _, v := range vs[1:] {
		if v != vs[0] {
			return "", &QueryError{name, show(name) + " may be given only once"}
		}
	}
	return vs[0], nil
}

// intParam reads a whole-number parameter in [lo, hi]; empty means 0 (not given).
func intParam(vals url.Values, name string, show func(string) string, lo, hi int, want string) (int, error) {
	s, err := single(vals, name, show)
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
		return 0, &QueryError{name, fmt.Sprintf("%s must be %s (got %q)", show(name), want, shown)}
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

// Values returns q as URL parameters, leaving out empty values and
// defaults (page 1), so that shared links stay short.
func (q Query) Values() url.Values {
	vals := url.Values{}
	q.each(func(k, v string) { vals.Add(k, v) })
	return vals
}

// Encode writes q as a URL query string in a fixed order (that of Params),
// leaving out empty values and defaults, so equal searches have equal URLs.
// ParseRawQuery reads it back.
func (q Query) Encode() string {
	var b strings.Builder
	q.each(func(k, v string) {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(k))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(v))
	})
	return b.String()
}

// each calls add for every parameter of q, in the order of Params.
func (q Query) each(add func(k, v string)) {
	if strings.TrimSpace(q.Text) != "" {
		add(ParamText, q.Text)
	}
	for _, f := range filters {
		for _, v := range f.Strings(&q) {
			if strings.TrimSpace(v) != "" {
				add(f.Param, v)
			}
		}
		if n := f.Number(&q); n != 0 {
			add(f.Param, strconv.Itoa(n))
		}
	}
	if q.Sort != "" {
		add(ParamSort, q.Sort)
	}
	if q.Page > 1 {
		add(ParamPage, strconv.Itoa(q.Page))
	}
	if q.PerPage != 0 {
		add(ParamPerPage, strconv.Itoa(q.PerPage))
	}
	if q.Prefix {
		add(ParamPrefix, "1")
	}
}

// Clone returns a copy of q whose lists can be changed without touching q.
func (q Query) Clone() Query {
	for _, f := range filters {
		if f.list != nil {
			*f.list(&q) = slices.Clone(*f.list(&q))
		}
	}
	return q
}
