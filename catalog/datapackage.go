package catalog

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/casebook/casebook/internal/datapackage"
)

// PackageInfo is what a data package says about itself besides the data.
type PackageInfo struct {
	Version string    // content version (see Version)
	BaseURL string    // public address of the site, such as https://casebook.example.org; "" leaves URLs relative
	Created time.Time // when the package was made
	Licence Licence   // the content's licence; DefaultLicence when empty
}

// listSeparator joins the values of a list column.
const listSeparator = "; "

// DataPackage describes cat as a Frictionless Data Package: the tables
// cases, factors, case_factors, outcomes, sources and organisations, each
// with a Table Schema whose field types, descriptions and constraints come
// from the field tables (CaseFields, FactorFields, SourceFields,
// OutcomeFields), so the codebook cannot drift from what the catalogue reads.
func DataPackage(cat *Catalog, info PackageInfo) datapackage.Package {
	if info.Licence.ID == "" {
		info.Licence = DefaultLicence
	}
	base := strings.TrimRight(info.BaseURL, "/")
	p := datapackage.Package{
		Name:        "casebook",
		Title:       "Casebook: public-sector innovation case studies",
		Description: "Documented cases of public-sector innovation and the success factors they show. Each table's schema describes every field (the codebook).",
		Version:     info.Version,
		Created:     info.Created.UTC(),
		Keywords:    []string{"public-sector innovation", "case studies", "success factors"},
		Licenses:    []datapackage.License{{Name: info.Licence.ID, Path: info.Licence.URL, Title: info.Licence.Title}},
	}
	if base != "" {
		p.Sources = []datapackage.Source{{Title: "Casebook", Path: base + "/"}}
	}
	p.Resources = []datapackage.Resource{
		casesTable(cat, base), factorsTable(cat, base), caseFactorsTable(cat),
		outcomesTable(cat), sourcesTable(cat), organisationsTable(cat),
	}
	return p
}

// column is the Table Schema field of def, named name (def.Name when "").
func column(def FieldDef, name string) datapackage.Field {
	f := datapackage.Field{Name: def.Name, Type: datapackage.TypeString, Description: def.Description}
	if name != "" {
		f.Name = name
	}
	switch def.Kind {
	case KindInteger:
		f.Type = datapackage.TypeInteger
	case KindDate:
		f.Type = datapackage.TypeDate
	case KindBoolean:
		f.Type = datapackage.TypeBoolean
	case KindList:
		f.Description += ` Several values are joined by "; "; a ";" inside a value is written as ",".`
	}
	c := &f.Constraints
	c.Required = def.Required && def.Kind != KindList
	c.Enum = def.Enum
	c.Pattern = def.Pattern
	if def.Min != 0 {
		c.Minimum = new(def.Min)
	}
	if def.Max != 0 {
		c.Maximum = new(def.Max)
	}
	if def.MaxLength != 0 {
		c.MaxLength = new(def.MaxLength)
	}
	return f
}

// columns are the Table Schema fields of the named fields of defs.
func columns(defs []FieldDef, names ...string) []datapackage.Field {
	out := make([]datapackage.Field, 0, len(names))
	for _, n := range names {
		def, ok := LookupField(defs, n)
		if !ok {
			continue // a name missing from the table: TestDataPackageColumns fails
		}
		out = append(out, column(def, ""))
	}
	return out
}

// caseColumn is the column naming the case a row belongs to.
var caseColumn = datapackage.Field{Name: "case", Type: datapackage.TypeString,
	Description: "The slug of the case (cases.slug).", Constraints: datapackage.Constraints{Required: true}}

// numberColumn is the column giving a row's position in its case's list.
func numberColumn(of string) datapackage.Field {
	return datapackage.Field{Name: "number", Type: datapackage.TypeInteger,
		Description: "The position of the " + of + " in the case's list, from 1.",
		Constraints: datapackage.Constraints{Required: true, Minimum: new(1)}}
}

func toCases(name string, fields ...string) datapackage.ForeignKey {
	return datapackage.ForeignKey{Fields: []string{name}, Reference: datapackage.Reference{Resource: "cases", Fields: fields}}
}

func casesTable(cat *Catalog, base string) datapackage.Resource {
	r := datapackage.Resource{Name: "cases", Path: "cases.csv", Title: "Cases",
		Description: "One row per case study.",
		Schema: datapackage.Schema{
			Fields: columns(CaseFields, "slug", "url", "title", "summary", "country", "jurisdiction", "level", "year",
				"status", "evidence", "reviewed", "added", "completeness", "sectors", "tags", "body"),
			PrimaryKey: []string{"slug"},
		}}
	for _, c := range cat.Cases {
		r.Rows = append(r.Rows, []string{c.Slug, base + c.URL(), c.Title, c.Summary, c.Country, c.Jurisdiction, c.Level,
			strconv.Itoa(c.Year), c.Status, intOrEmpty(c.Evidence), c.Reviewed, c.Added, c.Completeness,
			joinList(c.Sectors), joinList(c.Tags), c.Body})
	}
	return r
}

func factorsTable(cat *Catalog, base string) datapackage.Resource {
	r := datapackage.Resource{Name: "factors", Path: "factors.csv", Title: "Success factors",
		Description: "One row per success factor.",
		Schema: datapackage.Schema{
			Fields:     columns(FactorFields, "slug", "url", "title", "summary", "aliases"),
			PrimaryKey: []string{"slug"},
		}}
	for _, f := range cat.Factors {
		r.Rows = append(r.Rows, []string{f.Slug, base + f.URL(), f.Title, f.Summary, joinList(f.Aliases)})
	}
	return r
}

func caseFactorsTable(cat *Catalog) datapackage.Resource {
	factor := column(FieldDef{Name: "factor", Kind: KindText, Required: true,
		Description: "The slug of a success factor the case shows (factors.slug)."}, "")
	r := datapackage.Resource{Name: "case_factors", Path: "case_factors.csv", Title: "Success factors of each case",
		Description: "One row per case and success factor it shows: " + fieldDescription(CaseFields, "factors"),
		Schema: datapackage.Schema{
			Fields:     []datapackage.Field{caseColumn, factor},
			PrimaryKey: []string{"case", "factor"},
			ForeignKeys: []datapackage.ForeignKey{toCases("case", "slug"),
				{Fields: []string{"factor"}, Reference: datapackage.Reference{Resource: "factors", Fields: []string{"slug"}}}},
		}}
	for _, c := range cat.Cases {
		for _, f := range c.Factors {
			r.Rows = append(r.Rows, []string{c.Slug, f})
		}
	}
	return r
}

func outcomesTable(cat *Catalog) datapackage.Resource {
	r := datapackage.Resource{Name: "outcomes", Path: "outcomes.csv", Title: "Outcomes",
		Description: "One row per outcome of a case: " + fieldDescription(CaseFields, "outcomes"),
		Schema: datapackage.Schema{
			Fields: append([]datapackage.Field{caseColumn, numberColumn("outcome")},
				columns(OutcomeFields, "text", "source", "year", "independent")...),
			PrimaryKey:  []string{"case", "number"},
			ForeignKeys: []datapackage.ForeignKey{toCases("case", "slug")},
		}}
	for _, c := range cat.Cases {
		for i, o := range c.Outcomes {
			src := o.Source.URL
			if src == "" {
				src = o.Source.Title
			}
			r.Rows = append(r.Rows, []string{c.Slug, strconv.Itoa(i + 1), o.Text, src, intOrEmpty(o.Year), strconv.FormatBool(o.Independent)})
		}
	}
	return r
}

func sourcesTable(cat *Catalog) datapackage.Resource {
	r := datapackage.Resource{Name: "sources", Path: "sources.csv", Title: "Sources",
		Description: "One row per source of a case: " + fieldDescription(CaseFields, "sources"),
		Schema: datapackage.Schema{
			Fields:      append([]datapackage.Field{caseColumn, numberColumn("source")}, columns(SourceFields, "title", "url")...),
			PrimaryKey:  []string{"case", "number"},
			ForeignKeys: []datapackage.ForeignKey{toCases("case", "slug")},
		}}
	for _, c := range cat.Cases {
		for i, s := range c.Sources {
			r.Rows = append(r.Rows, []string{c.Slug, strconv.Itoa(i + 1), s.Title, s.URL})
		}
	}
	return r
}

func organisationsTable(cat *Catalog) datapackage.Resource {
	name := column(FieldDef{Name: "organisation", Kind: KindText, Required: true,
		Description: "The name of an organisation, as the case writes it."}, "")
	r := datapackage.Resource{Name: "organisations", Path: "organisations.csv", Title: "Organisations of each case",
		Description: "One row per case and organisation: " + fieldDescription(CaseFields, "organisations"),
		Schema: datapackage.Schema{
			Fields:      []datapackage.Field{caseColumn, numberColumn("organisation"), name},
			PrimaryKey:  []string{"case", "number"},
			ForeignKeys: []datapackage.ForeignKey{toCases("case", "slug")},
		}}
	for _, c := range cat.Cases {
		for i, o := range c.Organisations {
			r.Rows = append(r.Rows, []string{c.Slug, strconv.Itoa(i + 1), o})
		}
	}
	return r
}

// fieldDescription is the description of the named field of defs.
func fieldDescription(defs []FieldDef, name string) string {
	d, _ := LookupField(defs, name)
	return d.Description
}

func intOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// joinList joins a list column's values by listSeparator; a ";" inside a
// value becomes "," so that no value can be split.
func joinList(vals []string) string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = strings.ReplaceAll(v, ";", ",")
	}
	return strings.Join(out, listSeparator)
}

// WriteDataPackage checks the data package of cat (datapackage.Validate)
// and writes it into dir.
func WriteDataPackage(dir string, cat *Catalog, info PackageInfo) error {
	p := DataPackage(cat, info)
	if errs := datapackage.Validate(p); len(errs) > 0 {
		return fmt.Errorf("the data package is not valid: %w", errors.Join(errs...))
	}
	return datapackage.WriteDir(dir, p)
}
