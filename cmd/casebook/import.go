package main

import (
	"fmt"
	"os"

	"github.com/casebook/casebook/catalog"
)

func runImport(env *cliEnv, args []string) int {
	fs := newFlagSet(env, "import", "--from csv FILE [--content DIR]\n\nWrites DIR/cases/<slug>.md for each row of FILE, a CSV with the columns of\n'casebook export --format csv'. Every row is checked as 'casebook validate'\nwould first; problems are printed as FILE:ROW: message (the header is row 1)\nand nothing is written if there is any. Existing files are never overwritten.")
	from := fs.String("from", "", "the format of FILE: csv")
	dir := fs.String("content", "content", "catalogue folder to write into")
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if *from != "csv" {
		return usageError(env, "import", "missing or unknown --from %q: use --from csv", *from)
	}
	if len(rest) != 1 {
		return usageError(env, "import", "give one CSV file, e.g. casebook import --from csv cases.csv")
	}
	data, err := os.ReadFile(rest[0])
	if err == nil {
		_, err = contentFS(*dir)
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook import: %v\n", err)
		return exitInvalid
	}
	drafts, problems := catalog.ImportCSV(rest[0], data, os.DirFS(*dir))
	for _, p := range problems {
		fmt.Fprintln(env.stderr, p)
	}
	if problems.HasErrors() {
		err = fmt.Errorf("%s", plural(len(problems.Errors()), "problem"))
	} else {
		err = catalog.WriteDrafts(*dir, drafts)
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook import: %v; nothing written\n", err)
		return exitInvalid
	}
	fmt.Fprintf(env.stdout, "%s written to %s\n", plural(len(drafts), "case file"), *dir)
	return exitOK
}
