package main

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/casebook/casebook/catalog"
)

func runNew(env *cliEnv, args []string) int {
	flags := newFlagSet(env, "new", `--title "..." [--content DIR]

Writes DIR/cases/<slug>.md, a new case file with every front-matter key and a
hint for each, and prints its path. The slug comes from the title, with accents
folded ("Medellín library parks" gives medellin-library-parks). An existing
file is never overwritten. Fill in the empty values, then run
'casebook validate DIR'.`)
	title := flags.String("title", "", "the case's title (required)")
	dir := flags.String("content", "content", "catalogue folder")
	rest, code, ok := parseArgs(flags, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return usageError(env, "new", "unexpected argument %q; put the whole title in quotes after --title", rest[0])
	}
	t, slug, err := catalog.NewCaseTitle(*title)
	if err != nil {
		return usageError(env, "new", "%v", err)
	}
	fsys, err := contentFS(cmp.Or(*dir, "."))
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook new: %v\n", err)
		return exitInvalid
	}
	file := filepath.Join(*dir, "cases", slug+".md")
	if other := catalog.FindCase(fsys, slug); other != "" {
		file = filepath.Join(*dir, filepath.FromSlash(other))
	}
	err = catalog.CreateFile(file, catalog.Scaffold(t, time.Now(), catalog.FactorChoices(fsys), *dir))
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(env.stderr, "casebook new: %s already exists; not overwriting it. Edit that file, or choose another title.\n", file)
		return exitInvalid
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook new: cannot write %s: %v\n", file, err)
		return exitInvalid
	}
	fmt.Fprintln(env.stdout, file)
	fmt.Fprintf(env.stderr, "Next: fill in the empty values and the sections, then run: casebook validate %s\n", *dir)
	return exitOK
}
