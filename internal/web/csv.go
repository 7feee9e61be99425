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
// the API's format=csv and casebook export --format csv.
var CSVHeader = []string{"slug", "title", "summary", "url", "year", "country", "jurisdiction", "level", "status",
	"factors", "tags", "sectors", "organisations", "sources"}

// WriteCSV writes cases as CSV with the CSVHeader row; lists are joined by
// "; ", and no cell can be read by a spreadsheet as a formula.
func WriteCSV(w io.Writer, cases []*catalog.Case) error {
	return writeCSVRows(w, CSVHeader, cases, csvSafe, func(c *catalog.Case) []string {
		return []string{c.Slug, c.Title, c.Summary, c.URL(), strconv.Itoa(c.Year), c.Country, c.Jurisdiction, c.Level, c.Status,
			join(c.Factors), join(c.Tags), join(c.Sectors), join(c.Organisations), join(sourceEntries(c))}
	})
}

// writeCSVRows writes header and a row per case, each cell passed
// through safe.
func writeCSVRows(w io.Writer, header []string, cases []*catalog.Case, safe func(string) string, row func(*catalog.Case) []string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, c := range cases {
		cells := row(c)
		for i := range cells {
			cells[i] = safe(cells[i])
		}
		if err := cw.Write(cells); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// sourceEntries are a case's sources as list entries: "Title <url>", or
// the title alone.
func sourceEntries(c *catalog.Case) []string {
	var out []string
	for _, s := range c.Sources {
		if s.URL != "" {
			out = append(out, s.Title+" <"+s.URL+">")
		} else {
			out = append(out, s.Title)
		}
	}
	return out
}

func join(s []string) string { return strings.Join(s, "; ") }

// csvSafe keeps a spreadsheet from reading a cell as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// downloadHeader is the header row of the API's CSV download: CSVHeader
// with factor names beside the factor slugs.
var downloadHeader = slices.Insert(slices.Clone(CSVHeader), slices.Index(CSVHeader, "factors")+1, "factor_names")

// writeDownloadCSV writes cases as the API's CSV download, made to open
// cleanly in a spreadsheet: a UTF-8 byte-order mark (so Excel reads
// "Medellín" right), absolute case URLs, factor names beside their slugs,
// cells that begin with = + - @ (or a tab or carriage return) prefixed with
// a single quote so no spreadsheet reads them as a formula (OWASP's advice),
// and list entries that hold a ";" in double quotes, so that splitting a
// list at "; " cannot break an entry.
func (s *Server) writeDownloadCSV(w io.Writer, c *gin.Context, st *state, cases []*catalog.Case) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	return writeCSVRows(w, downloadHeader, cases, neutralise, func(cs *catalog.Case) []string {
		factorNames := make([]string, len(cs.Factors))
		for i, f := range cs.Factors {
			factorNames[i] = st.factorTitle(f)
		}
		return []string{cs.Slug, cs.Title, cs.Summary, s.absURL(c, cs.URL()), strconv.Itoa(cs.Year), cs.Country, cs.Jurisdiction, cs.Level, cs.Status,
			joinEntries(cs.Factors), joinEntries(factorNames), joinEntries(cs.Tags), joinEntries(cs.Sectors), joinEntries(cs.Organisations), joinEntries(sourceEntries(cs))}
	})
}

// joinEntries joins list entries by "; ", putting an entry that holds a
// ";" or begins with a double quote in double quotes (doubling its own), so
// that every entry can be read back whole.
func joinEntries(entries []string) string {
	out := make([]string, len(entries))
	for i, e := range entries {
		if strings.Contains(e, ";") || strings.HasPrefix(e, `"`) {
			e = `"` + strings.ReplaceAll(e, `"`, `""`) + `"`
		}
		out[i] = e
	}
	return strings.Join(out, "; ")
}

// neutralise keeps a spreadsheet from reading a cell as a formula: a cell
// that begins with = + - @, a tab or a carriage return gets a leading
// single quote.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
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
