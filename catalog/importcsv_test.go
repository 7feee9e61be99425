package catalog

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

// importBase is a content folder with two factors and one case.
var importBase = fstest.MapFS{
	"factors/collaboration.md": {Data: []byte("---\ntitle: Collaboration\nsummary: Working together.\n---\nText.\n")},
	"factors/service-users.md": {Data: []byte("---\ntitle: Service users\nsummary: A focus on users.\n---\nText.\n")},
	"cases/existing.md":        {Data: []byte("---\ntitle: Existing\nsummary: S.\ncountry: Canada\nlevel: local\nyear: 2001\nfactors: [collaboration]\n---\nBody.\n")},
}

const importHeader = "slug,title,summary,country,level,year,factors,sources,outcomes,body\n"

func TestImportCSV(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		wantRows []int    // rows of the drafts
		problems []string // wanted problems, as FILE:ROW: message starts
		check    func(t *testing.T, c *Case)
	}{
		{
			name:     "plain comma CSV",
			data:     importHeader + `,Hub One,One sentence.,Canada,local,2015,collaboration,Report | https://example.org/r,Costs fell. | https://example.org/r | 2016 | independent,"## Challenge` + "\n\nText.\n" + `"` + "\n",
			wantRows: []int{2},
			check: func(t *testing.T, c *Case) {
				if c.Slug != "hub-one" || len(c.Outcomes) != 1 || !c.Outcomes[0].Independent || c.Outcomes[0].Year != 2016 || c.Outcomes[0].Source.URL != "https://example.org/r" {
					t.Errorf("case = %+v", c)
				}
				if c.Body != "## Challenge\n\nText.\n" {
					t.Errorf("body = %q (quoted newlines must survive)", c.Body)
				}
			},
		},
		{
			name:     "byte-order mark and semicolon delimiter",
			data:     "\ufeff" + strings.ReplaceAll(importHeader, ",", ";") + `;Hub Two;"One; sentence.";Canada;local;2015;"collaboration; service-users";;;Body` + "\r\n",
			wantRows: []int{2},
			check: func(t *testing.T, c *Case) {
				if c.Slug != "hub-two" || c.Summary != "One; sentence." || len(c.Factors) != 2 {
					t.Errorf("case = %+v", c)
				}
			},
		},
		{
			name:     "not UTF-8 names the first bad row",
			data:     importHeader + ",Fine,S.,Canada,local,2015,collaboration,,,\n,Caf\xe9,S.,Canada,local,2015,collaboration,,,\n,Caf\xe9 2,S.,Canada,local,2015,collaboration,,,\n",
			problems: []string{"in.csv:3: the file is not UTF-8 text"},
		},
		{
			name: "three bad rows all reported",
			data: importHeader +
				",Good,S.,Canada,local,2015,collaboration,,,\n" +
				",No Level,S.,Canada,,2015,collaboration,,,\n" +
				",Bad Factor,S.,Canada,local,2015,colaboration,,,\n" +
				",Bad Year,S.,Canada,local,soon,collaboration,,,\n",
			problems: []string{"in.csv:3: ", "in.csv:4: ", "in.csv:5: year \"soon\" is not a whole number"},
		},
		{
			name:     "existing file and repeated slug",
			data:     importHeader + "existing,Existing,S.,Canada,local,2015,collaboration,,,\n,Twin,S.,Canada,local,2015,collaboration,,,\ntwin,Twin,S.,Canada,local,2015,collaboration,,,\n",
			problems: []string{"in.csv:2: cases/existing.md already exists", "in.csv:4: slug \"twin\" is also the slug of row 3"},
		},
		{
			name:     "unknown column",
			data:     "title,sumary\nA,B\n",
			problems: []string{`in.csv:1: unknown column "sumary"; did you mean "summary"?`},
		},
		{
			name:     "outcome naming no listed source",
			data:     importHeader + ",Hub,S.,Canada,local,2015,collaboration,Report | https://example.org/r,Costs fell. | https://example.org/other,\n",
			problems: []string{"in.csv:2: "},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			drafts, problems := ImportCSV("in.csv", []byte(tt.data), importBase)
			errs := problems.Errors()
			if len(errs) != len(tt.problems) {
				t.Fatalf("problems = %v, want %d like %q", errs, len(tt.problems), tt.problems)
			}
			for i, want := range tt.problems {
				if !strings.HasPrefix(errs[i].String(), want) {
					t.Errorf("problem %d = %q, want it to start with %q", i, errs[i], want)
				}
			}
			if tt.problems != nil {
				return
			}
			if len(drafts) != len(tt.wantRows) {
				t.Fatalf("drafts = %d, want %d", len(drafts), len(tt.wantRows))
			}
			for i, d := range drafts {
				if d.Row != tt.wantRows[i] {
					t.Errorf("draft row = %d, want %d", d.Row, tt.wantRows[i])
				}
				c, ps := ParseCase(d.Path, d.Data)
				if c == nil {
					t.Fatalf("draft does not parse: %v\n%s", ps, d.Data)
				}
				tt.check(t, c)
			}
		})
	}
}

func TestCSVCellsReadBack(t *testing.T) {
	tests := []struct {
		name  string
		items []string
	}{
		{"plain", []string{"a", "b c"}},
		{"separators inside entries", []string{"a; b", "x | y", `back\slash`, "a;b"}},
		{"formula-like first entry", []string{"=SUM(A1)", "-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cell := CSVSafe(JoinList(tt.items))
			got := SplitList(CSVUnsafe(cell))
			if strings.Join(got, "\x00") != strings.Join(tt.items, "\x00") {
				t.Errorf("read back %q from %q, want %q", got, cell, tt.items)
			}
			if strings.ContainsAny(cell[:1], "=+-@") {
				t.Errorf("cell %q starts like a formula", cell)
			}
		})
	}
}

func TestCSVRowReadsBack(t *testing.T) {
	c := &Case{Slug: "x", Title: "'Quoted' title", Summary: "+1 to the idea; yes | no", Country: "Canada", Level: "local", Year: 2015,
		Factors: []string{"collaboration"}, Tags: []string{"a;b"},
		Sources:  []Source{{Title: "Report | annex; part 1", URL: "https://example.org/r?a=1;b"}, {Title: "No URL"}},
		Outcomes: []Outcome{{Text: "Fell; a lot", Source: Source{Title: "No URL"}, Year: 2016}},
		Body:     "=1+1\n", Completeness: CompletenessStub}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, []*Case{c}); err != nil {
		t.Fatal(err)
	}
	drafts, problems := ImportCSV("in.csv", buf.Bytes(), importBase)
	if problems.HasErrors() || len(drafts) != 1 {
		t.Fatalf("problems %v, %d drafts, from:\n%s", problems, len(drafts), buf.String())
	}
	got, ps := ParseCase(drafts[0].Path, drafts[0].Data)
	if got == nil {
		t.Fatalf("%v", ps)
	}
	var again bytes.Buffer
	if err := WriteCSV(&again, []*Case{got}); err != nil {
		t.Fatal(err)
	}
	if again.String() != buf.String() {
		t.Errorf("CSV after a round trip:\n%s\nwant:\n%s", again.String(), buf.String())
	}
}
