package catalog

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// CSVColumns are the columns of the catalogue as CSV, in order: the export
// CSV, the API's format=csv and the columns import reads. url and
// completeness are derived and ignored on import.
var CSVColumns = []string{"slug", "title", "summary", "url", "year", "country", "jurisdiction", "level", "status",
	"factors", "tags", "sectors", "organisations", "sources",
	"evidence", "reviewed", "added", "outcomes", "completeness", "body"}

// ListSep joins the entries of a list cell; PartSep separates the parts of a
// source ("title | url") or an outcome ("text | source | year | independent").
// A backslash escapes ';', '|' and itself inside an entry.
const (
	ListSep = "; "
	PartSep = " | "
)

// IndependentMark is the fourth part of an outcome whose source is independent.
const IndependentMark = "independent"

// CSVRow is a case as one row of CSVColumns, each cell safe from being read
// as a formula by a spreadsheet (see CSVSafe).
func CSVRow(c *Case) []string {
	sources := make([]string, len(c.Sources))
	for i, s := range c.Sources {
		sources[i] = joinParts(s.Title, s.URL)
	}
	outcomes := make([]string, len(c.Outcomes))
	for i, o := range c.Outcomes {
		src := o.Source.URL
		if src == "" {
			src = o.Source.Title
		}
		var year, indep string
		if o.Year != 0 {
			year = strconv.Itoa(o.Year)
		}
		if o.Independent {
			indep = IndependentMark
		}
		outcomes[i] = joinParts(o.Text, src, year, indep)
	}
	var year, evidence string
	if c.Year != 0 {
		year = strconv.Itoa(c.Year)
	}
	if c.Evidence != 0 {
		evidence = strconv.Itoa(c.Evidence)
	}
	row := []string{c.Slug, c.Title, c.Summary, c.URL(), year, c.Country, c.Jurisdiction, c.Level, c.Status,
		JoinList(c.Factors), JoinList(c.Tags), JoinList(c.Sectors), JoinList(c.Organisations), strings.Join(sources, ListSep),
		evidence, c.Reviewed, c.Added, strings.Join(outcomes, ListSep), c.Completeness, c.Body}
	for i := range row {
		row[i] = CSVSafe(row[i])
	}
	return row
}

// WriteCSV writes cases as CSV: the CSVColumns header, then one CSVRow each.
func WriteCSV(w io.Writer, cases []*Case) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVColumns); err != nil {
		return err
	}
	for _, c := range cases {
		if err := cw.Write(CSVRow(c)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// formulaStarts are the first characters that make a spreadsheet read a cell
// as a formula, plus the apostrophe that CSVSafe adds, so that it reads back.
const formulaStarts = "=+-@\t\r'"

// CSVSafe keeps a spreadsheet from reading a cell as a formula by putting an
// apostrophe before it; CSVUnsafe takes it off again.
func CSVSafe(s string) string {
	if s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// CSVUnsafe undoes CSVSafe.
func CSVUnsafe(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.IndexByte(formulaStarts, s[1]) >= 0 {
		return s[1:]
	}
	return s
}

// JoinList joins list entries with ListSep, escaping each entry.
func JoinList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = escapeEntry(s)
	}
	return strings.Join(out, ListSep)
}

// SplitList splits a list cell written by JoinList (or by hand: entries
// separated by ';', spaces around them trimmed) into its entries.
func SplitList(cell string) []string {
	out := rawEntries(cell)
	for i, e := range out {
		out[i] = unescapeEntry(e)
	}
	return out
}

// rawEntries splits a list cell at unescaped ';', trimming each entry and
// leaving out empty ones; escapes are kept.
func rawEntries(cell string) []string {
	var out []string
	for _, e := range splitEscaped(cell, ';') {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// joinParts joins the parts of one entry with PartSep, leaving off empty
// trailing parts.
func joinParts(parts ...string) string {
	for len(parts) > 1 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	for i, p := range parts {
		parts[i] = escapeEntry(p)
	}
	return strings.Join(parts, PartSep)
}

// splitParts splits one entry of a sources or outcomes cell into its parts.
func splitParts(entry string) []string {
	parts := splitEscaped(entry, '|')
	for i, p := range parts {
		parts[i] = unescapeEntry(strings.TrimSpace(p))
	}
	return parts
}

var entryEscaper = strings.NewReplacer(`\`, `\\`, `;`, `\;`, `|`, `\|`)

func escapeEntry(s string) string { return entryEscaper.Replace(s) }

func unescapeEntry(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// splitEscaped splits s at each sep not preceded by an escaping backslash,
// keeping the escapes in the pieces.
func splitEscaped(s string, sep byte) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// exportedCase is a case in the JSON export: the fields of a search result
// plus organisations, sources and the Markdown body.
type exportedCase struct {
	Record
	Organisations []string `json:"organisations"`
	Sources       []Source `json:"sources"`
	Body          string   `json:"body"`
}

// WriteJSON writes cases as the JSON export: an indented array of the
// fields of search results plus organisations, sources and body.
func WriteJSON(w io.Writer, cases []*Case) error {
	out := make([]exportedCase, len(cases))
	for i, c := range cases {
		out[i] = exportedCase{Record: c.Record(), Organisations: orEmpty(c.Organisations), Sources: c.Sources, Body: c.Body}
		if out[i].Sources == nil {
			out[i].Sources = []Source{}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
