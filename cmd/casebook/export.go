package main

import (
	"fmt"

	"github.com/casebook/casebook/catalog"
)

func runExport(env *cliEnv, args []string) int {
	fs := newFlagSet(env, "export", "[--content DIR] [--format csv|json]\n\nWrites the whole catalogue to standard output.")
	dir := fs.String("content", "", "catalogue folder (default: the embedded catalogue)")
	format := fs.String("format", "json", "csv or json")
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return usageError(env, "export", "unexpected argument %q", rest[0])
	}
	if *format != "csv" && *format != "json" {
		return usageError(env, "export", "unknown --format %q: use csv or json", *format)
	}
	cat, err := loadCatalog(*dir)
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook export: %v\n", err)
		return exitInvalid
	}
	reportErrors(env, "export", cat)
	if *format == "csv" {
		err = catalog.WriteCSV(env.stdout, cat.Cases)
	} else {
		err = catalog.WriteJSON(env.stdout, cat.Cases)
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook export: %v\n", err)
		return exitInvalid
	}
	return exitOK
}

// reportErrors tells the user on stderr that some files were left out.
func reportErrors(env *cliEnv, cmd string, cat *catalog.Catalog) {
	errs := cat.Problems.Errors()
	if len(errs) == 0 {
		return
	}
	fmt.Fprintf(env.stderr, "casebook %s: %s in the content (run 'casebook validate' for details); affected files are left out\n", cmd, plural(len(errs), "error"))
}
