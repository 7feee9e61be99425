package catalog

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestOrganisations(t *testing.T) {
	mk := func(slug, country string, year int, orgs ...string) *Case {
		return &Case{Slug: slug, Title: strings.ToUpper(slug), Path: "cases/" + slug + ".md", Country: country, Year: year, Organisations: orgs}
	}
	cases := []*Case{
		mk("a", "United Kingdom", 2011, "Cabinet Office", "Government Digital Service"),
		mk("b", "United Kingdom", 2015, "cabinet office"),
		mk("c", "Japan", 2013, "Cabinet Office"),
		mk("d", "Colombia", 2004, "Alcaldía de Medellín", "Alcaldia de Medellin", "  "),
		mk("e", "Colombia", 2010, "ALCALDÍA DE MEDELLÍN"),
		mk("f", "Canada", 2020, "???", "Cabinet-Office Japan"),
	}
	got := Organisations(cases)
	type row struct {
		slug, name, country string
		cases               []string
	}
	var rows []row
	for _, o := range got {
		var slugs []string
		for _, c := range o.Cases {
			slugs = append(slugs, c.Slug)
		}
		rows = append(rows, row{o.Slug, o.Name, o.Country, slugs})
	}
	want := []row{
		{"alcaldia-de-medellin", "ALCALDÍA DE MEDELLÍN", "Colombia", []string{"e", "d"}},
		{"cabinet-office-japan", "Cabinet Office", "Japan", []string{"c"}},
		{"cabinet-office-united-kingdom", "Cabinet Office", "United Kingdom", []string{"b", "a"}},
		{"cabinet-office-japan-2", "Cabinet-Office Japan", "Canada", []string{"f"}},
		{"government-digital-service", "Government Digital Service", "United Kingdom", []string{"a"}},
	}
	if !slices.EqualFunc(rows, want, func(a, b row) bool {
		return a.slug == b.slug && a.name == b.name && a.country == b.country && slices.Equal(a.cases, b.cases)
	}) {
		t.Errorf("Organisations:\n got %+v\nwant %+v", rows, want)
	}
	for _, o := range got {
		if !ValidSlug(o.Slug) {
			t.Errorf("slug %q is not a valid slug", o.Slug)
		}
	}
	// The same cases in another order give the same slugs.
	reversed := slices.Clone(cases)
	slices.Reverse(reversed)
	for i, o := range Organisations(reversed) {
		if o.Slug != got[i].Slug {
			t.Errorf("slug %d is %q with the cases reversed, %q before", i, o.Slug, got[i].Slug)
		}
	}
}

func TestCountryWarnings(t *testing.T) {
	cat, err := Load(fstest.MapFS{
		"factors/f.md": {Data: []byte("---\ntitle: F\nsummary: S.\n---\nBody.\n")},
		"cases/usa.md": {Data: []byte("---\ntitle: T\nsummary: S.\ncountry: USA\nlevel: local\nyear: 2020\nfactors: [f]\n---\nBody.\n")},
		"cases/ok.md":  {Data: []byte("---\ntitle: T\nsummary: S.\nlevel: local\ncountry: Canada\nyear: 2020\nfactors: [f]\n---\nBody.\n")},
		"cases/odd.md": {Data: []byte("---\ntitle: T\nsummary: S.\nlevel: local\nyear: 2020\nfactors: [f]\ncountry: Atlantis\n---\nBody.\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	known := func(c string) bool { return c == "Canada" || c == "United States" }
	suggest := func(c string) (string, bool) { return "United States", c == "USA" }
	got := CountryWarnings(cat.Cases, known, suggest)
	var lines []string
	for _, p := range got {
		lines = append(lines, p.String())
	}
	want := []string{
		`cases/odd.md:7: warning: the map does not know the country "Atlantis"; write the country's usual English name, or International or European Union`,
		`cases/usa.md:4: warning: the map does not know the country "USA"; write "United States"`,
	}
	if !slices.Equal(lines, want) {
		t.Errorf("CountryWarnings:\n got %q\nwant %q", lines, want)
	}
}
