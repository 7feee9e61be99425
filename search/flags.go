package search

import (
	"flag"
	"net/url"
	"strconv"
	"strings"
)

// Flags of `casebook search` that are not filters.
const (
	flagSort  = "sort"
	flagLimit = "limit" // sets per_page: how many results to show
)

// Flags collects the search flags that AddFlags registered on a flag set.
// After the flag set has parsed its arguments, Query turns them into a
// Query by the same rules as URL parameters.
type Flags struct {
	vals  url.Values // URL parameter -> values given as flags
	limit int        // results shown when --limit is not given
}

// paramFlag is a flag that adds its values to a URL parameter.
type paramFlag struct {
	vals  url.Values
	param string
	def   string // default shown in help
}

func (p paramFlag) String() string {
	if p.vals == nil || len(p.vals[p.param]) == 0 {
		return p.def
	}
	return strings.Join(p.vals[p.param], ",")
}

func (p paramFlag) Set(v string) error { p.vals.Add(p.param, v); return nil }

// AddFlags registers on fs one flag per filter of the filter table (list
// filters may be repeated: --factor a --factor b), plus --sort and --limit
// (results to show, limit unless given). The flag names are those of
// Params.
func AddFlags(fs *flag.FlagSet, limit int) *Flags {
	f := &Flags{vals: url.Values{}, limit: limit}
	for _, ft := range filters {
		fs.Var(paramFlag{vals: f.vals, param: ft.Param}, ft.Flag, ft.usage)
	}
	fs.Var(paramFlag{vals: f.vals, param: ParamSort}, flagSort, "sort order: "+strings.Join(Sorts, ", ")+" (default: relevance with a query, newest without)")
	fs.Var(paramFlag{vals: f.vals, param: ParamPerPage, def: strconv.Itoa(limit)}, flagLimit, "how many results to show (1 to 100)")
	return f
}

// Query returns the search that the parsed flags and the query words
// describe, validated and with defaults filled in. Errors are *QueryError
// naming the flag at fault (such as `--year-from must be a year such as
// 2015 (got "soon")`).
func (f *Flags) Query(words []string) (Query, error) {
	vals := url.Values{}
	for k, vs := range f.vals {
		vals[k] = vs
	}
	if text := strings.Join(words, " "); text != "" {
		vals.Set(ParamText, text)
	}
	q, err := parseValues(vals, flagOf)
	if err != nil {
		return q, err
	}
	if q.PerPage == 0 {
		q.PerPage = f.limit
	}
	return q, q.Validate()
}

// flagOf names a URL parameter by its flag, as the command line knows it.
func flagOf(param string) string {
	for _, p := range Params() {
		if p.Name == param && p.Flag != "" {
			return "--" + p.Flag
		}
	}
	return param
}

// SplitArgs separates a command line into the arguments fs knows as flags
// (with their values) and the query words, so that a search on the command
// line reads as in the search box: `library -oodi` keeps -oodi as an
// exclusion, since no flag is called "oodi". Words and flags may be mixed;
// "--" ends the flags. -h and --help stay flags, to ask for help. Pass the
// flag arguments to fs.Parse and the words to Flags.Query.
func SplitArgs(fs *flag.FlagSet, args []string) (flagArgs, words []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return flagArgs, append(words, args[i+1:]...)
		}
		name, hasValue := flagName(a)
		if name == "" {
			words = append(words, a)
			continue
		}
		fl := fs.Lookup(name)
		if fl == nil {
			if name == "h" || name == "help" {
				flagArgs = append(flagArgs, a)
			} else {
				words = append(words, a)
			}
			continue
		}
		flagArgs = append(flagArgs, a)
		if b, ok := fl.Value.(interface{ IsBoolFlag() bool }); hasValue || ok && b.IsBoolFlag() {
			continue
		}
		if i+1 < len(args) {
			i++
			flagArgs = append(flagArgs, args[i])
		}
	}
	return flagArgs, words
}

// flagName returns the name of a flag argument ("-x", "--x", "--x=v") and
// whether it carries its value; "" for an argument that cannot be a flag.
func flagName(arg string) (name string, hasValue bool) {
	if len(arg) < 2 || arg[0] != '-' {
		return "", false
	}
	name = strings.TrimPrefix(arg[1:], "-")
	if name == "" || name[0] == '-' || name[0] == '=' {
		return "", false
	}
	if i := strings.IndexByte(name, '='); i >= 0 {
		return name[:i], true
	}
	return name, false
}
