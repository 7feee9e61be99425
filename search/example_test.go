package search_test

import (
	"context"
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
			"country: Brazil\nlevel: local\nyear: 1989\nfactors: [collaboration, service-users]\n---\nAssemblies in every district vote on budgets.\n"),
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
