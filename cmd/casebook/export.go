package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/casebook/casebook/catalog"
)

func runExport(env *cliEnv, args []string) int {
	fs := newFlagSet(env, "export", "[--content DIR] [--format csv|json]\n\nWrites the whole catalogue to standard output.")
	dir := fs.String("content", "", "catalogue folder (default: the embedded catalogue)")
	format := fs.String("format", "json", "csv or json")
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return usageError(env, "export", "unexpected argument %q", rest[0])
	}
	if *format != "csv" && *format != "json" {
		return usageError(env, "export", "unknown --format %q: use csv or json", *format)
	}
	cat, err := loadCatalog(env, *dir)
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook export: %v\n", err)
		return exitInvalid
	}
	reportErrors(env, "export", cat)
	if *format == "csv" {
		err = writeCSV(env.stdout, cat.Cases)
	} else {
		err = writeExportJSON(env.stdout, cat.Cases)
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook export: %v\n", err)
		return exitInvalid
	}
	return exitOK
}

// reportErrors tells the user on stderr that some files were left out.
func reportErrors(env *cliEnv, cmd string, cat *catalog.Catalog) {
	errs := cat.Problems.Errors()
	if len(errs) == 0 {
		return
	}
	fmt.Fprintf(env.stderr, "casebook %s: %s in the content (run 'casebook validate' for details); affected files are left out\n", cmd, plural(len(errs), "error"))
}

// exportedCase is a case in the JSON export: the fields of a search result
// plus organisations, sources and the Markdown body.
type exportedCase struct {
	catalog.Record
	Organisations []string         `json:"organisations"`
	Sources       []catalog.Source `json:"sources"`
	Body          string           `json:"body"`
}

func writeExportJSON(w io.Writer, cases []*catalog.Case) error {
	out := make([]exportedCase, len(cases))
	for i, c := range cases {
		out[i] = exportedCase{Record: c.Record(), Organisations: nonNil(c.Organisations), Sources: nonNil(c.Sources), Body: c.Body}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// csvHeader is the header row of every CSV the catalogue writes.
var csvHeader = []string{"slug", "title", "summary", "url", "year", "country", "jurisdiction", "level", "status",
	"factors", "tags", "sectors", "organisations", "sources"}

// writeCSV writes cases as CSV with a header row; lists are joined by "; ".
func writeCSV(w io.Writer, cases []*catalog.Case) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, c := range cases {
		var sources []string
		for _, s := range c.Sources {
			if s.URL != "" {
				sources = append(sources, s.Title+" <"+s.URL+">")
			} else {
				sources = append(sources, s.Title)
			}
		}
		row := []string{c.Slug, c.Title, c.Summary, c.URL(), strconv.Itoa(c.Year), c.Country, c.Jurisdiction, c.Level, c.Status,
			join(c.Factors), join(c.Tags), join(c.Sectors), join(c.Organisations), join(sources)}
		for i := range row {
			row[i] = csvSafe(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func join(s []string) string { return strings.Join(s, "; ") }

// csvSafe keeps a spreadsheet from reading a cell as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
