package web

import (
	"io"

	"github.com/casebook/casebook/catalog"
)

// CSVHeader is the header row of every CSV the catalogue is written as:
// the API's format=csv and casebook export --format csv (catalog.CSVColumns).
var CSVHeader = catalog.CSVColumns

// WriteCSV writes cases as CSV with the CSVHeader row through the one CSV
// codec, catalog.WriteCSV: lists joined by "; ", sources as "title | url",
// and no cell read by a spreadsheet as a formula.
func WriteCSV(w io.Writer, cases []*catalog.Case) error { return catalog.WriteCSV(w, cases) }
