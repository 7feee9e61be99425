// Package envflag lets every flag of a command also be set from the
// environment: flag --metrics-addr from PREFIX_METRICS_ADDR. A flag given on
// the command line wins. It imports none of Casebook's packages.
package envflag

import (
	"flag"
	"fmt"
	"sort"
	"strings"
)

// Error is a variable whose value the flag does not accept.
type Error struct {
	Var   string // the variable's name, e.g. CASEBOOK_WATCH
	Value string
	Flag  string // the flag's name, e.g. watch
	Err   error  // the flag's own complaint
}

func (e *Error) Error() string {
	return fmt.Sprintf("environment variable %s=%q is not a valid value for --%s: %v", e.Var, e.Value, e.Flag, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Name returns the variable that sets flag name: prefix, then the name in
// upper case with '-' as '_' (Name("CASEBOOK_", "metrics-addr") is
// CASEBOOK_METRICS_ADDR).
func Name(prefix, name string) string {
	return prefix + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

// Apply sets each flag of fs that the command line did not set from its
// variable, as lookup (os.LookupEnv in main) finds it. Call it after
// fs.Parse. An empty variable counts as unset. It returns an *Error for the
// first value a flag rejects, naming the variable; the caller exits 2.
func Apply(fs *flag.FlagSet, prefix string, lookup func(string) (string, bool)) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if err != nil || given[f.Name] {
			return
		}
		v, ok := lookup(Name(prefix, f.Name))
		if !ok || v == "" {
			return
		}
		if serr := fs.Set(f.Name, v); serr != nil {
			err = &Error{Var: Name(prefix, f.Name), Value: v, Flag: f.Name, Err: serr}
		}
	})
	return err
}

// Unknown returns, sorted, the variables in environ ("NAME=value" entries,
// as from os.Environ) that start with prefix but set no flag of fs: most
// likely misspelt, worth a warning.
func Unknown(fs *flag.FlagSet, prefix string, environ []string) []string {
	known := map[string]bool{}
	fs.VisitAll(func(f *flag.Flag) { known[Name(prefix, f.Name)] = true })
	var out []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, prefix) && !known[name] {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// Parse is Apply followed by what a command needs to report on it: how to
// name a flag in a message (the variable's name when the environment set
// it, else --flag) and the prefixed variables in environ that set no flag,
// for a warning.
func Parse(fs *flag.FlagSet, prefix string, lookup func(string) (string, bool), environ []string) (name func(string) string, unknown []string, err error) {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if err := Apply(fs, prefix, lookup); err != nil {
		return nil, nil, err
	}
	fromEnv := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { fromEnv[f.Name] = !given[f.Name] })
	name = func(flag string) string {
		if fromEnv[flag] {
			return Name(prefix, flag)
		}
		return "--" + flag
	}
	return name, Unknown(fs, prefix, environ), nil
}
