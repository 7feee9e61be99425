package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"strings"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/search"
)

func runSearch(env *cliEnv, args []string) int {
	fs := newFlagSet(env, "search", "[--content DIR] [FILTER FLAGS] [--json] QUERY...\n\nSearches the catalogue: words (all must match), \"phrases\" and -exclusions.\nEvery filter of the API is a flag. Exits 1 when nothing matches.")
	dir := fs.String("content", "", "catalogue folder (default: the embedded catalogue)")
	asJSON := fs.Bool("json", false, "print the results as JSON, as the API does")
	filters := search.AddFlags(fs, 10)
	flagArgs, words := search.SplitArgs(fs, args)
	rest, code, ok := parseArgs(fs, flagArgs)
	if !ok {
		return code
	}
	q, err := filters.Query(append(rest, words...))
	if err != nil {
		return usageError(env, "search", "%v", err)
	}
	cat, err := loadCatalog(*dir)
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook search: %v\n", err)
		return exitInvalid
	}
	reportErrors(env, "search", cat)
	ix, err := search.New(cat)
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook search: %v\n", err)
		return exitInvalid
	}
	defer ix.Close()
	resp, err := ix.Search(context.Background(), q)
	if err != nil {
		if search.IsQueryError(err) {
			return usageError(env, "search", "%v", err)
		}
		fmt.Fprintf(env.stderr, "casebook search: %v\n", err)
		return exitInvalid
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(resp); err != nil {
			return exitInvalid
		}
	} else {
		printResults(env, resp)
	}
	if resp.Total == 0 {
		if !*asJSON {
			fmt.Fprintln(env.stderr, "No cases match.")
		}
		return exitInvalid
	}
	return exitOK
}

// printResults writes results for people: title, year and place, then a
// snippet.
func printResults(env *cliEnv, resp *search.Response) {
	w := env.stdout
	if resp.Suggestion != "" {
		fmt.Fprintf(w, "Did you mean: %s\n\n", resp.Suggestion)
	}
	if resp.Total > 0 {
		fmt.Fprintf(w, "%s, showing %d:\n\n", plural(resp.Total, "case"), len(resp.Results))
	}
	for _, r := range resp.Results {
		place := (&catalog.Case{Country: r.Country, Jurisdiction: r.Jurisdiction}).Place()
		fmt.Fprintf(w, "%s (%d, %s)\n", r.Title, r.Year, place)
		snippet := r.Summary
		if len(r.Highlights) > 0 {
			snippet = plainText(r.Highlights[0])
		}
		fmt.Fprintf(w, "  %s\n  %s\n\n", snippet, r.URL)
	}
}

// plainText turns a highlight fragment back into text, matches in *stars*.
func plainText(fragment string) string {
	s := strings.NewReplacer("<mark>", "*", "</mark>", "*").Replace(fragment)
	return html.UnescapeString(s)
}
