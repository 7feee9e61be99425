package main

import (
	"fmt"
	"time"

	"github.com/casebook/casebook/search"
)

// runIndex builds the on-disk search index of a catalogue once, for
// servers started with serve --index DIR (any number may share it).
func runIndex(env *cliEnv, args []string) int {
	fs := newFlagSet(env, "index", "--out DIR [--content DIR]\n\nBuilds the search index of the catalogue into DIR, for 'casebook serve --index DIR'.\nSeveral servers may share one index folder; each content version gets its own\nsubfolder, built beside the others and swapped in whole, and versions no server\nuses are removed (the newest two are kept).")
	content := fs.String("content", "", "catalogue folder (default: the embedded catalogue)")
	out := fs.String("out", "", "index folder to build into (required)")
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return usageError(env, "index", "unexpected argument %q", rest[0])
	}
	if *out == "" {
		return usageError(env, "index", "--out DIR is required")
	}
	start := time.Now()
	cat, err := loadCatalog(*content)
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook index: %v\n", err)
		return exitInvalid
	}
	if errs := len(cat.Problems.Errors()); errs > 0 {
		fmt.Fprintf(env.stderr, "casebook index: %d content errors; files with errors are left out, as serve does (run 'casebook validate' for details)\n", errs)
	}
	st, err := search.Build(cat, *out)
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook index: %v\n", err)
		return exitInvalid
	}
	what := "built"
	switch {
	case st.Reused:
		what = "already built"
	case st.Rebuilt == "":
		what = fmt.Sprintf("built from the previous version (%d added, %d changed, %d removed)", st.Added, st.Changed, st.Removed)
	}
	fmt.Fprintf(env.stdout, "%d cases indexed in %s: %s in %s\n", len(cat.Cases), st.Dir, what, time.Since(start).Round(time.Millisecond))
	return exitOK
}
