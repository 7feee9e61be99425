package search_test

import (
	"context"
	"flag"
	"fmt"
	"testing/fstest"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/search"
)

// exampleIndex builds an index of three small cases.
func exampleIndex() (*search.Index, error) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		"factors/collaboration.md": file("---\ntitle: A culture of collaboration\nsummary: Working across boundaries.\n---\n"),
		"factors/service-users.md": file("---\ntitle: A focus on service users\nsummary: Designing around people.\n---\n"),
		"synonyms.yaml":            file("- [participatory budgeting, pb]\n"),
		"cases/porto-alegre.md": file("---\ntitle: Porto Alegre Participatory Budgeting\nsummary: Residents decide part of the city's investment budget.\n" +
			"country: Brazil\nlevel: local\nyear: 1989\nevidence: 3\nfactors: [collaboration, service-users]\n---\nAssemblies in every district vote on budgets.\n"),
		"cases/toronto-pb.md": file("---\ntitle: Toronto Participatory Budgeting Pilot\nsummary: Three wards voted on local projects.\n" +
			"country: Canada\nlevel: local\nyear: 2015\nfactors: [service-users]\n---\nResidents proposed and voted on projects.\n"),
		"cases/service-centres.md": file("---\ntitle: One-Stop Service Centres\nsummary: Many services under one roof.\n" +
			"country: Brazil\nlevel: provincial\nyear: 1997\nfactors: [service-users]\n---\nAgencies serve people side by side.\n"),
	}
	cat, err := catalog.Load(fsys)
	if err != nil {
		return nil, err
	}
	return search.New(cat)
}

func ExampleIndex_Search() {
	var resp *search.Response
	ix, err := exampleIndex()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ix.Close()
	resp, err = ix.Search(context.Background(), search.Query{Text: "budgets", Countries: []string{"brazil"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("total:", resp.Total)
	for _, r := range resp.Results {
		fmt.Println(r.Slug, r.Highlights)
	}
	for _, f := range resp.Facets.Country {
		fmt.Printf("%s (%d)\n", f.Label, f.Count)
	}
	// Output:
	// total: 1
	// porto-alegre [Residents decide part of the city&#39;s investment <mark>budget</mark>. Assemblies in every district vote on <mark>budgets</mark>.]
	// Brazil (1)
	// Canada (1)
}

func ExampleIndex_Search_synonyms() {
	ix, err := exampleIndex()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ix.Close()
	resp, _ := ix.Search(context.Background(), search.Query{Text: "pb", Sort: search.SortOldest})
	for _, r := range resp.Results {
		fmt.Println(r.Year, r.Title)
	}
	// Output:
	// 1989 Porto Alegre Participatory Budgeting
	// 2015 Toronto Participatory Budgeting Pilot
}

func ExampleIndex_Search_suggestion() {
	ix, err := exampleIndex()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ix.Close()
	resp, _ := ix.Search(context.Background(), search.Query{Text: "asemblies"})
	fmt.Println(resp.Total, resp.Suggestion)
	// Output:
	// 1 assemblies
}

func ExampleIndex_Related() {
	ix, err := exampleIndex()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ix.Close()
	for _, c := range ix.Related("toronto-pb", 5) {
		fmt.Println(c.Slug)
	}
	// Output:
	// porto-alegre
	// service-centres
}

func ExampleQuery_Validate() {
	q := search.Query{Text: "hubs", PerPage: 500}
	fmt.Println(q.Validate())
	q = search.Query{Text: "hubs"}
	fmt.Println(q.Validate(), q.Sort, q.Page, q.PerPage)
	// Output:
	// per_page must be between 1 and 100
	// <nil> relevance 1 20
}

// A web handler reads a search from the URL, and builds links by changing
// the Query and encoding it again.
func ExampleParseRawQuery() {
	q, vals, err := search.ParseRawQuery("q=hubs&level=Local&level=&evidence_min=2&format=csv")
	if err != nil {
		fmt.Println(err) // a *search.QueryError, fit to show
		return
	}
	format, _ := search.Single(vals, "format") // a parameter of the caller's own
	fmt.Println(q.Text, q.Levels, q.EvidenceMin, format)
	level, _ := search.LookupFilter("level")
	fmt.Println(level.Without(q, "local").Encode())
	_, _, err = search.ParseRawQuery("evidence_min=9")
	fmt.Println(err)
	// Output:
	// hubs [local] 2 csv
	// q=hubs&evidence_min=2
	// evidence_min must be an evidence level from 1 to 5 (got "9")
}

// `casebook search` takes every filter as a flag, and keeps words that
// start with "-" as exclusions.
func ExampleAddFlags() {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	filters := search.AddFlags(fs, 10)
	flagArgs, words := search.SplitArgs(fs, []string{"library", "-oodi", "--status", "ongoing", "--year-from", "2010", "--json"})
	if err := fs.Parse(flagArgs); err != nil {
		return // flag has printed the problem
	}
	q, err := filters.Query(words)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q %v %d %v %d\n", q.Text, q.Statuses, q.YearFrom, *asJSON, q.PerPage)
	for _, p := range search.Params() {
		fmt.Printf("%s:%s ", p.Name, p.Flag)
	}
	fmt.Println()
	// Output:
	// "library -oodi" [ongoing] 2010 true 10
	// q: factor:factor tag:tag sector:sector level:level country:country status:status year_from:year-from year_to:year-to evidence_min:evidence-min completeness:completeness sort:sort page: per_page:limit prefix:
}

// Facets and filters show values by one rule.
func ExampleLabels() {
	ix, err := exampleIndex()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ix.Close()
	resp, err := ix.Search(context.Background(), search.Query{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range search.Filters() {
		for _, v := range f.FacetValues(&resp.Facets) {
			fmt.Printf("%s: %s %q (%d)\n", f.Label, v.Value, v.Label, v.Count)
		}
	}
	// Output:
	// Success factor: service-users "A focus on service users" (3)
	// Success factor: collaboration "A culture of collaboration" (1)
	// Level of government: local "Local" (2)
	// Level of government: provincial "Provincial" (1)
	// Country: brazil "Brazil" (2)
	// Country: canada "Canada" (1)
	// Evidence level: 3 "3" (1)
	// Completeness: stub "Stub" (3)
}
