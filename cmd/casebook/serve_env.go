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
// flag rejects); see envflag.Parse for name and unknown.
func applyEnv(env *cliEnv, fs *flag.FlagSet) (name func(string) string, unknown []string, code int, ok bool) {
	lookup, environ := os.LookupEnv, os.Environ
	if env.environ != nil {
		lookup, environ = env.lookupEnv, env.environ
	}
	name, unknown, err := envflag.Parse(fs, envPrefix, lookup, environ())
	if err != nil {
		return nil, nil, usageError(env, fs.Name(), "%v", err), false
	}
	return name, unknown, 0, true
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
