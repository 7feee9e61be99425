package main

import (
	"fmt"
	"time"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/worldmap"
)

func runValidate(env *cliEnv, args []string) int {
	fs := newFlagSet(env, "validate", "[--format text|github] [DIR]\n\nChecks every case, factor and synonyms file in DIR (default ./content) and\nprints each problem as FILE:LINE: message, FILE relative to DIR. Cases never\nreviewed, last reviewed more than two years ago or missing a recommended\nsection, and countries the overview map does not know, are listed as warnings.\nExits 1 if there is any error.")
	format := fs.String("format", "text", "output format: text, or github for GitHub Actions annotations")
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if *format != "text" && *format != "github" {
		return usageError(env, "validate", "unknown --format %q: use text or github", *format)
	}
	if len(rest) > 1 {
		return usageError(env, "validate", "give at most one folder, not %d", len(rest))
	}
	dir := "content"
	if len(rest) == 1 {
		dir = rest[0]
	}
	cat, err := loadCatalog(dir)
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook validate: %v\n", err)
		return exitInvalid
	}
	problems := append(cat.Problems, catalog.ReviewList(cat.Cases, time.Now())...)
	problems = append(problems, catalog.CountryWarnings(cat.Cases, onMap, worldmap.Suggest)...)
	problems.Sort()
	for _, p := range problems {
		if *format == "github" {
			fmt.Fprintln(env.stdout, p.GitHubAnnotation())
		} else {
			fmt.Fprintln(env.stdout, p)
		}
	}
	errs := len(problems.Errors())
	warns := len(problems) - errs
	fmt.Fprintf(env.stderr, "%s: %d cases, %d factors; %s, %s\n", dir, len(cat.Cases), len(cat.Factors), plural(errs, "error"), plural(warns, "warning"))
	if errs > 0 {
		return exitInvalid
	}
	return exitOK
}

// onMap reports whether the overview map shows a country's cases: drawn on
// the map, or counted beside it as a region.
func onMap(country string) bool { return worldmap.Known(country) || worldmap.Region(country) }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
