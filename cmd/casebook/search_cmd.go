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

// stringsFlag is a flag that may be repeated.
type stringsFlag []string

func (s *stringsFlag) String() string     { return strings.Join(*s, ",") }
func (s *stringsFlag) Set(v string) error { *s = append(*s, v); return nil }

func runSearch(env *cliEnv, args []string) int {
	fs := newFlagSet(env, "search", "[--content DIR] [--factor S]... [--tag T]... [--json] QUERY...\n\nSearches the catalogue: words (all must match), \"phrases\" and -exclusions.\nExits 1 when nothing matches.")
	dir := fs.String("content", "", "catalogue folder (default: the embedded catalogue)")
	var factors, tags, sectors, levels, countries stringsFlag
	fs.Var(&factors, "factor", "only cases showing this success factor (slug); repeat for several, all must match")
	fs.Var(&tags, "tag", "only cases with this tag; repeat for several, all must match")
	fs.Var(&sectors, "sector", "only cases in this sector; repeat for several, all must match")
	fs.Var(&levels, "level", "only cases at this level of government; repeat for any of several")
	fs.Var(&countries, "country", "only cases from this country; repeat for any of several")
	sortBy := fs.String("sort", "", "relevance, newest, oldest or title (default: relevance with a query, newest without)")
	limit := fs.Int("limit", 10, "how many results to show (1 to 100)")
	asJSON := fs.Bool("json", false, "print the results as JSON, as the API does")
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	q := search.Query{
		Text: strings.Join(rest, " "), Factors: factors, Tags: tags, Sectors: sectors,
		Levels: levels, Countries: countries, Sort: *sortBy, PerPage: *limit,
	}
	if err := q.Validate(); err != nil {
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
