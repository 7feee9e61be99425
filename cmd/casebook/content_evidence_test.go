package main

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
)

// TestEmbeddedEvidence holds every embedded case to issue 13's bar: an
// evidence level, a review date and at least one outcome whose source has
// a URL or a full title; and it keeps the fact check's corrections in.
func TestEmbeddedEvidence(t *testing.T) {
	cat, err := catalog.Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	byslug := map[string]*catalog.Case{}
	for _, c := range cat.Cases {
		byslug[c.Slug] = c
		if c.Evidence < 1 || c.Evidence > 5 {
			t.Errorf("%s: evidence %d, want a level from 1 to 5", c.Path, c.Evidence)
		}
		if c.Reviewed == "" {
			t.Errorf("%s: never reviewed", c.Path)
		}
		if c.Added == "" {
			t.Errorf("%s: no added date", c.Path)
		}
		if len(c.Outcomes) == 0 {
			t.Errorf("%s: no outcome", c.Path)
		}
		for _, o := range c.Outcomes {
			if o.Source.URL == "" && len(strings.Fields(o.Source.Title)) < 3 {
				t.Errorf("%s: outcome %q names its source by neither a URL nor a full title", c.Path, o.Text)
			}
		}
	}

	// text of a case file, or of every content file for "".
	text := func(slug string) string {
		var b strings.Builder
		fs.WalkDir(content.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && (slug == "" || p == "cases/"+slug+".md") {
				data, _ := fs.ReadFile(content.FS, p)
				b.Write(data)
			}
			return nil
		})
		return b.String()
	}
	for _, tt := range []struct {
		name, slug string
		want       []string // each must appear
		notWant    []string // none may appear
	}{
		{"OPSI's task force met in 2012, the platform came in 2014", "oecd-opsi", []string{"2012", "2014"}, nil},
		{"the seed's paper by its title, without working-paper numbers", "", []string{"Licence to Innovate Revisited"}, []string{"Working Paper 24"}},
		{"deputy's den cites the paper by its title", "deputys-den", []string{"Licence to Innovate Revisited"}, nil},
		{"surplus property initiative announced on 29 June 2017", "ontario-community-hubs", []string{"29 June 2017"}, nil},
		{"COVID Alert retired on 17 June 2022", "canadian-digital-service", []string{"COVID Alert", "17 June 2022"}, nil},
		{"USDS renamed the U.S. DOGE Service", "us-digital-service", []string{"DOGE Service", "status: discontinued"}, nil},
		{"Porto Alegre's budget suspended in 2017", "porto-alegre-participatory-budgeting", []string{"2017", "status: discontinued"}, nil},
		{"the unfindable Mexico City source is gone", "mexico-city-laboratorio-para-la-ciudad", nil, []string{"Andrés Morán"}},
		{"Enterprise Estonia's successor named", "estonia-e-residency", []string{"Enterprise and Innovation Foundation"}, nil},
		{"Seoul's unconfirmed figures are gone", "seoul-sharing-city", nil, []string{"1,145", "230,000"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.slug != "" && byslug[tt.slug] == nil {
				t.Fatalf("no case %s", tt.slug)
			}
			s := text(tt.slug)
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(s, w) {
					t.Errorf("still has %q", w)
				}
			}
		})
	}
}
