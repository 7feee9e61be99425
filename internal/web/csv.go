package web

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/search"
)

// CSVHeader is the header row of every CSV the catalogue is written as:
// the API's format=csv and casebook export --format csv (catalog.CSVColumns).
var CSVHeader = catalog.CSVColumns

// WriteCSV writes cases as CSV with the CSVHeader row through the one CSV
// codec, catalog.WriteCSV: lists joined by "; ", sources as "title | url",
// and no cell read by a spreadsheet as a formula.
func WriteCSV(w io.Writer, cases []*catalog.Case) error { return catalog.WriteCSV(w, cases) }

// Columns of the CSV codec that the download changes.
var (
	urlColumn     = slices.Index(CSVHeader, "url")
	factorsColumn = slices.Index(CSVHeader, "factors")
)

// downloadHeader is the header row of the API's CSV download: CSVHeader
// with factor names beside the factor slugs.
var downloadHeader = slices.Insert(slices.Clone(CSVHeader), factorsColumn+1, "factor_names")

// writeDownloadCSV writes cases as the API's CSV download, made to open
// cleanly in a spreadsheet: the rows of the one CSV codec (catalog.CSVRow:
// no cell read as a formula, list entries escaped so that "; " cannot split
// one), after a UTF-8 byte-order mark (so Excel reads "Medellín" right),
// with absolute case URLs and factor names beside their slugs.
func (s *Server) writeDownloadCSV(w io.Writer, c *gin.Context, st *state, cases []*catalog.Case) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(downloadHeader); err != nil {
		return err
	}
	for _, cs := range cases {
		row := catalog.CSVRow(cs)
		row[urlColumn] = catalog.CSVSafe(s.absURL(c, cs.URL()))
		names := make([]string, len(cs.Factors))
		for i, f := range cs.Factors {
			names[i] = st.factorTitle(f)
		}
		row = slices.Insert(row, factorsColumn+1, catalog.CSVSafe(catalog.JoinList(names)))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// downloadName names a download of the search q made at now, without its
// extension: "casebook-", the search words and filter values as slugs,
// and the date, such as casebook-executive-leadership-national-2026-11-29.
func downloadName(q search.Query, now time.Time) string {
	var parts []string
	add := func(s string) {
		if w := nameWords(s); w != "" {
			parts = append(parts, w)
		}
	}
	add(q.Text)
	for _, f := range search.Filters() {
		if f.IsList() {
			for _, v := range f.Strings(&q) {
				add(v)
			}
		} else if n := f.Number(&q); n != 0 {
			add(f.Param + " " + strconv.Itoa(n))
		}
	}
	name := strings.Join(parts, "-")
	if r := []rune(name); len(r) > maxNameLen {
		name = strings.TrimRight(string(r[:maxNameLen]), "-")
	}
	return "casebook-" + cmp.Or(name, "all") + "-" + now.Format("2006-01-02")
}

// maxNameLen is the longest description of a search in a file name, in characters.
const maxNameLen = 60

// nameWords is the words of s (letters and digits) in lower case, joined by hyphens.
func nameWords(s string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.Join(words, "-")
}
