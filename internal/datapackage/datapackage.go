// Package datapackage writes Frictionless Data Packages (specification v1):
// a datapackage.json descriptor with an inline Table Schema per resource and
// one CSV file per table, into a directory or a zip stream, and checks that
// every row casts by its schema (Validate). It imports none of Casebook's
// packages; callers describe their tables with the types below.
package datapackage

import (
	"encoding/json"
	"time"
)

// Field types this package writes and checks (Table Schema v1 names).
const (
	TypeString  = "string"
	TypeInteger = "integer"
	TypeNumber  = "number"
	TypeBoolean = "boolean"
	TypeDate    = "date"
)

// DescriptorName is the file name of the descriptor inside a package.
const DescriptorName = "datapackage.json"

// Package is a tabular data package: its metadata and its resources.
type Package struct {
	Name        string    // lower case letters, digits and "-._/"
	Title       string    // optional
	Description string    // optional, may be Markdown
	Version     string    // optional, such as the content version
	Created     time.Time // optional; written as RFC 3339 in UTC
	Keywords    []string  // optional
	Licenses    []License // optional; written under the v1 key "licenses"
	Sources     []Source  // optional
	Resources   []Resource
}

// License is a licence of the data: an Open Definition identifier (Name,
// such as "CC-BY-4.0") and/or the licence's URL (Path), with a Title.
type License struct {
	Name  string `json:"name,omitempty"`
	Path  string `json:"path,omitempty"`
	Title string `json:"title,omitempty"`
}

// Source is a raw source of the data: a title and a URL or path.
type Source struct {
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
}

// Resource is one table: its name, the relative path of its CSV file, its
// schema and its rows. Each row holds one text value per schema field, in
// field order, written as the Table Schema type expects ("2015", "true",
// "2026-11-29"); an empty value is null.
type Resource struct {
	Name        string // lower case letters, digits and "-._", unique in the package
	Path        string // slash-separated and relative, such as "cases.csv" or "data/cases.csv"
	Title       string
	Description string
	Schema      Schema
	Rows        [][]string
}

// Schema is a Table Schema: the fields (the CSV header, in order), the
// primary key and the foreign keys.
type Schema struct {
	Fields      []Field      `json:"fields"`
	PrimaryKey  []string     `json:"primaryKey,omitempty"`
	ForeignKeys []ForeignKey `json:"foreignKeys,omitempty"`
}

// Field is one column: its name, type (one of the Type constants), a
// description for the codebook and its constraints.
type Field struct {
	Name        string      `json:"name"`
	Title       string      `json:"title,omitempty"`
	Type        string      `json:"type"`
	Description string      `json:"description,omitempty"`
	Constraints Constraints `json:"constraints,omitzero"`
}

// Constraints limit a field's values. Enum, MinLength, MaxLength and Pattern
// apply to string fields; Minimum and Maximum to integer and number fields.
// Pattern is a regular expression that must match the whole value.
type Constraints struct {
	Required  bool     `json:"required,omitempty"`
	Unique    bool     `json:"unique,omitempty"`
	Enum      []string `json:"enum,omitempty"`
	Minimum   *int     `json:"minimum,omitempty"`
	Maximum   *int     `json:"maximum,omitempty"`
	MinLength *int     `json:"minLength,omitempty"`
	MaxLength *int     `json:"maxLength,omitempty"`
	Pattern   string   `json:"pattern,omitempty"`
}

// ForeignKey says that the values of Fields appear in the referenced
// resource's fields; Reference.Resource "" is the resource itself.
type ForeignKey struct {
	Fields    []string  `json:"fields"`
	Reference Reference `json:"reference"`
}

// Reference is the target of a foreign key.
type Reference struct {
	Resource string   `json:"resource"`
	Fields   []string `json:"fields"`
}

// packageJSON is the descriptor as written to datapackage.json.
type packageJSON struct {
	Profile     string         `json:"profile"`
	Name        string         `json:"name"`
	Title       string         `json:"title,omitempty"`
	Description string         `json:"description,omitempty"`
	Version     string         `json:"version,omitempty"`
	Created     string         `json:"created,omitempty"`
	Keywords    []string       `json:"keywords,omitempty"`
	Licenses    []License      `json:"licenses,omitempty"`
	Sources     []Source       `json:"sources,omitempty"`
	Resources   []resourceJSON `json:"resources"`
}

// resourceJSON is one resource as written to datapackage.json.
type resourceJSON struct {
	Profile     string  `json:"profile"`
	Name        string  `json:"name"`
	Path        string  `json:"path"`
	Title       string  `json:"title,omitempty"`
	Description string  `json:"description,omitempty"`
	Format      string  `json:"format"`
	Mediatype   string  `json:"mediatype"`
	Encoding    string  `json:"encoding"`
	Dialect     dialect `json:"dialect"`
	Schema      Schema  `json:"schema"`
}

// dialect is the CSV Dialect of every file this package writes. Declaring
// the delimiter keeps readers from guessing it: a ";" in the first rows
// otherwise leads some (the JavaScript reference library) to split on it.
type dialect struct {
	Delimiter      string `json:"delimiter"`
	DoubleQuote    bool   `json:"doubleQuote"`
	LineTerminator string `json:"lineTerminator"`
	QuoteChar      string `json:"quoteChar"`
	Header         bool   `json:"header"`
}

// csvDialect is how Resource.CSV writes: encoding/csv's defaults.
var csvDialect = dialect{Delimiter: ",", DoubleQuote: true, LineTerminator: "\n", QuoteChar: `"`, Header: true}

// Descriptor returns p's datapackage.json: a "tabular-data-package" whose
// resources are "tabular-data-resource"s in UTF-8 CSV with inline schemas.
func (p Package) Descriptor() ([]byte, error) {
	d := packageJSON{
		Profile: "tabular-data-package", Name: p.Name, Title: p.Title, Description: p.Description,
		Version: p.Version, Keywords: p.Keywords, Licenses: p.Licenses, Sources: p.Sources,
		Resources: make([]resourceJSON, len(p.Resources)),
	}
	if !p.Created.IsZero() {
		d.Created = p.Created.UTC().Format(time.RFC3339)
	}
	for i, r := range p.Resources {
		d.Resources[i] = resourceJSON{
			Profile: "tabular-data-resource", Name: r.Name, Path: r.Path, Title: r.Title, Description: r.Description,
			Format: "csv", Mediatype: "text/csv", Encoding: "utf-8", Dialect: csvDialect, Schema: r.Schema,
		}
	}
	out, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
