package web

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/casebook/casebook/catalog"
)

// CSVHeader is the header row of every CSV the catalogue is written as:
// the API's format=csv and casebook export --format csv.
var CSVHeader = []string{"slug", "title", "summary", "url", "year", "country", "jurisdiction", "level", "status",
	"factors", "tags", "sectors", "organisations", "sources"}

// WriteCSV writes cases as CSV with the CSVHeader row; lists are joined by
// "; ", and no cell can be read by a spreadsheet as a formula.
func WriteCSV(w io.Writer, cases []*catalog.Case) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
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
