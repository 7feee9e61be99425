package catalog

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing/fstest"
	"unicode/utf8"
)

// Draft is a case file made from one CSV row, not yet written.
type Draft struct {
	Row  int    // the row's number in the CSV file, the header being row 1
	Path string // cases/<slug>.md, relative to the content folder
	Data []byte // the case file, as CaseFile writes it
}

// ImportCSV turns a CSV with the columns of CSVColumns (any order; url and
// completeness are ignored) into case files, one per row, and checks every
// one with the rules of validation against the catalogue in base (its
// factors, its other cases). The slug comes from a slug column or else from
// the title. A UTF-8 byte-order mark is skipped and a ';' delimiter (as
// Excel and LibreOffice save) is detected from the header line. Problems
// name file (the CSV's name) and the row as their line. The drafts are
// meant to be written only when there are no problems; none overwrites a
// file in base.
func ImportCSV(file string, data []byte, base fs.FS) ([]Draft, Problems) {
	pl := &problemList{file: file}
	rows := readCSV(data, pl)
	if len(rows) == 0 {
		if !pl.hasErrors() {
			pl.errorf(0, "the file is empty: it needs a header row with the columns of 'casebook export --format csv'")
		}
		return nil, pl.list
	}
	cols := headerColumns(rows[0], pl)
	if pl.hasErrors() {
		return nil, pl.list
	}
	var drafts []Draft
	rowOf := map[string]int{}
	for i, rec := range rows[1:] {
		row := i + 2
		cell := func(name string) string {
			if j, ok := cols[name]; ok && j < len(rec) {
				return CSVUnsafe(rec[j])
			}
			return ""
		}
		c, ok := caseFromRow(cell, row, pl)
		if !ok {
			continue
		}
		p := "cases/" + c.Slug + ".md"
		if prev, dup := rowOf[c.Slug]; dup {
			pl.errorf(row, "slug %q is also the slug of row %d; give one of them another slug or title", c.Slug, prev)
			continue
		}
		rowOf[c.Slug] = row
		if other := FindCase(base, c.Slug); other != "" {
			pl.errorf(row, "%s already exists in the content folder; not overwriting it", other)
			continue
		}
		drafts = append(drafts, Draft{Row: row, Path: p, Data: CaseFile(c)})
	}
	checkDrafts(base, drafts, pl)
	pl.list.Sort()
	return drafts, pl.list
}

// readCSV reads every record, reporting rows that cannot be read or that
// are not UTF-8 text.
func readCSV(data []byte, pl *problemList) [][]string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = detectDelimiter(data)
	r.FieldsPerRecord = -1
	var rows [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		row := len(rows) + 1
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			pl.errorf(row, "the row cannot be read as CSV: %v", err)
			return nil
		}
		for _, f := range rec {
			if !utf8.ValidString(f) {
				pl.errorf(row, "the file is not UTF-8 text (first at this row); save it as \"CSV UTF-8\" and import it again")
				return nil
			}
		}
		if row > 1 && len(rec) != len(rows[0]) {
			pl.errorf(row, "the row has %d cells; the header has %d", len(rec), len(rows[0]))
			rec = nil
		}
		rows = append(rows, rec)
	}
	return rows
}

// detectDelimiter is ';' when the header line has more semicolons than
// commas outside quotes, else ','.
func detectDelimiter(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	quoted, commas, semis := false, 0, 0
	for _, b := range line {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == ',':
			commas++
		case b == ';':
			semis++
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

// headerColumns maps each known column name to its index, reporting unknown
// and repeated names and a missing title column.
func headerColumns(header []string, pl *problemList) map[string]int {
	cols := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if !contains(CSVColumns, name) {
			msg := fmt.Sprintf("unknown column %q", h)
			if s := nearest(name, CSVColumns, 2); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			pl.errorf(1, "%s (the columns are those of 'casebook export --format csv')", msg)
			continue
		}
		if _, dup := cols[name]; dup {
			pl.errorf(1, "column %q appears twice", name)
			continue
		}
		cols[name] = i
	}
	if _, ok := cols["title"]; !ok && !pl.hasErrors() {
		pl.errorf(1, "the header has no title column")
	}
	return cols
}

// caseFromRow builds the case of one row; the parsing of the file made from
// it does the remaining checks.
func caseFromRow(cell func(string) string, row int, pl *problemList) (*Case, bool) {
	ok := true
	num := func(name string) int {
		s := strings.TrimSpace(cell(name))
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			pl.errorf(row, "%s %q is not a whole number", name, s)
			ok = false
		}
		return n
	}
	c := &Case{
		Slug: strings.TrimSpace(cell("slug")), Title: strings.TrimSpace(cell("title")),
		Summary: strings.TrimSpace(cell("summary")), Country: strings.TrimSpace(cell("country")),
		Jurisdiction: strings.TrimSpace(cell("jurisdiction")), Level: strings.TrimSpace(cell("level")),
		Status: strings.TrimSpace(cell("status")), Year: num("year"), Evidence: num("evidence"),
		Organisations: SplitList(cell("organisations")), Sectors: SplitList(cell("sectors")),
		Tags: SplitList(cell("tags")), Factors: SplitList(cell("factors")),
		Reviewed: strings.TrimSpace(cell("reviewed")), Added: strings.TrimSpace(cell("added")),
		Body: cell("body"),
	}
	if c.Slug == "" {
		c.Slug = Slugify(c.Title)
	}
	if !ValidSlug(c.Slug) {
		pl.errorf(row, "slug %q is not a valid file name: lower-case letters a-z, digits and single hyphens, at most %d characters", c.Slug, MaxSlugLen)
		ok = false
	}
	for _, e := range rawEntries(cell("sources")) {
		p := splitParts(e)
		s := Source{Title: p[0]}
		if len(p) > 1 {
			s.URL = p[1]
		}
		if len(p) > 2 {
			pl.errorf(row, "source %q has %d parts; write it as: title | url", e, len(p))
			ok = false
		}
		c.Sources = append(c.Sources, s)
	}
	for _, e := range rawEntries(cell("outcomes")) {
		c.Outcomes = append(c.Outcomes, outcomeFromEntry(e, c.Sources, row, pl, &ok))
	}
	return c, ok
}

// outcomeFromEntry reads "text | source | year | independent".
func outcomeFromEntry(e string, sources []Source, row int, pl *problemList, ok *bool) Outcome {
	p := splitParts(e)
	p = append(p, "", "", "")[:max(len(p), 4)]
	o := Outcome{Text: p[0], Source: Source{Title: p[1]}}
	if s, found := findSource(sources, p[1]); found {
		o.Source = s
	}
	if p[2] != "" {
		y, err := strconv.Atoi(p[2])
		if err != nil {
			pl.errorf(row, "outcome year %q is not a whole number (write an outcome as: text | source url | year | independent)", p[2])
			*ok = false
		}
		o.Year = y
	}
	switch strings.ToLower(p[3]) {
	case "":
	case IndependentMark, "true", "yes":
		o.Independent = true
	default:
		pl.errorf(row, "outcome %q: the fourth part must be %q or empty", e, IndependentMark)
		*ok = false
	}
	if len(p) > 4 {
		pl.errorf(row, "outcome %q has %d parts; write it as: text | source url | year | independent", e, len(p))
		*ok = false
	}
	return o
}

// checkDrafts loads the catalogue of base with the drafts added, as validate
// would after they were written, and reports each error in a draft at its row.
func checkDrafts(base fs.FS, drafts []Draft, pl *problemList) {
	if len(drafts) == 0 {
		return
	}
	overlay := fstest.MapFS{}
	_ = fs.WalkDir(base, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(IsContentPath(p) || p == SynonymsFile) {
			return nil
		}
		if data, err := fs.ReadFile(base, p); err == nil {
			overlay[p] = &fstest.MapFile{Data: data}
		}
		return nil
	})
	rowOf := map[string]int{}
	for _, d := range drafts {
		overlay[d.Path] = &fstest.MapFile{Data: d.Data}
		rowOf[d.Path] = d.Row
	}
	cat, err := Load(overlay)
	if err != nil {
		pl.errorf(0, "the content folder cannot be read: %v", err)
		return
	}
	for _, p := range cat.Problems.Errors() {
		if row, ok := rowOf[path.Clean(p.File)]; ok {
			pl.errorf(row, "%s", p.Message)
		}
	}
}

// WriteDrafts writes each draft under the content folder dir, never
// overwriting; if one cannot be written, the ones written before it are
// removed again, so that an import writes all or nothing.
func WriteDrafts(dir string, drafts []Draft) error {
	for i, d := range drafts {
		name := filepath.Join(dir, filepath.FromSlash(d.Path))
		if err := CreateFile(name, d.Data); err != nil {
			for _, w := range drafts[:i] {
				os.Remove(filepath.Join(dir, filepath.FromSlash(w.Path)))
			}
			return fmt.Errorf("row %d: %w", d.Row, err)
		}
	}
	return nil
}
