package main

import (
	"flag"
	"os"
	"strings"

	"github.com/casebook/casebook/internal/envflag"
)

// envPrefix starts the environment variables that set serve's flags:
// CASEBOOK_ADDR sets --addr, CASEBOOK_METRICS_ADDR --metrics-addr.
const envPrefix = "CASEBOOK_"

// applyEnv sets each flag of fs the command line left unset from its
// CASEBOOK_<FLAG> variable (exit 2, naming the variable, for a value the
// flag rejects). It returns the CASEBOOK_ variables that set no flag, for a
// warning, and how to name a flag in a message: the variable's name when the
// environment set it, else --flag.
func applyEnv(env *cliEnv, fs *flag.FlagSet) (name func(string) string, unknown []string, code int, ok bool) {
	lookup, environ := os.LookupEnv, os.Environ
	if env.environ != nil {
		lookup, environ = env.lookupEnv, env.environ
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if err := envflag.Apply(fs, envPrefix, lookup); err != nil {
		return nil, nil, usageError(env, fs.Name(), "%v", err), false
	}
	fromEnv := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { fromEnv[f.Name] = !given[f.Name] })
	name = func(flag string) string {
		if fromEnv[flag] {
			return envflag.Name(envPrefix, flag)
		}
		return "--" + flag
	}
	return name, envflag.Unknown(fs, envPrefix, environ()), 0, true
}

// lookupEnv finds a variable in env.environ, which tests set instead of the
// process's environment.
func (env *cliEnv) lookupEnv(key string) (string, bool) {
	for _, kv := range env.environ() {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v, true
		}
	}
	return "", false
}
