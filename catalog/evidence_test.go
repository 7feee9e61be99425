package catalog

import (
	"strings"
	"testing"
	"time"
)

// evidenceCase is a valid case with every evidence key; its lines are:
// 2 title .. 11 sources, 12-13 first source, 14 second source (no url),
// 15 evidence, 16 reviewed, 17 added, 18 outcomes, 19 text, 20 source,
// 21 year, 22 independent, 23 second outcome text, 24 its source.
const evidenceCase = `---
title: Community Hubs
summary: Schools become hubs for local services.
country: Canada
level: provincial
year: 2015
factors: [service-users]
organisations: []
sectors: []
tags: []
sources:
  - title: Strategic Framework
    url: https://www.ontario.ca/hubs
  - title: Auditor General report
evidence: 2
reviewed: 2026-11-29
added: 2026-01-15
outcomes:
  - text: Forty schools opened as hubs.
    source: https://www.ontario.ca/hubs
    year: 2018
    independent: false
  - text: The auditor found savings.
    source: Auditor General report
---
Body.
`

// withClock sets the parser's clock to the given date for one test.
func withClock(t *testing.T, date string) {
	t.Helper()
	d, err := time.Parse(DateLayout, date)
	if err != nil {
		t.Fatal(err)
	}
	old := now
	now = func() time.Time { return d.Add(12 * time.Hour) }
	t.Cleanup(func() { now = old })
}

func TestParseCaseEvidenceKeys(t *testing.T) {
	withClock(t, "2026-11-29")
	tests := []struct {
		name, old, new string
		wantLine       int
		wantMsg        string // substring of the error; "" for no errors
	}{
		{name: "valid", old: "", new: ""},
		{name: "evidence 1", old: "evidence: 2", new: "evidence: 1"},
		{name: "evidence 5", old: "evidence: 2", new: "evidence: 5"},
		{name: "evidence 0", old: "evidence: 2", new: "evidence: 0", wantLine: 15, wantMsg: "evidence must be a Nesta evidence level from 1 to 5 (got 0)"},
		{name: "evidence 7", old: "evidence: 2", new: "evidence: 7", wantLine: 15, wantMsg: "from 1 to 5 (got 7)"},
		{name: "evidence text", old: "evidence: 2", new: "evidence: strong", wantLine: 15, wantMsg: "evidence must be a whole number"},
		{name: "reviewed today", old: "reviewed: 2026-11-29", new: "reviewed: 2026-11-29"},
		{name: "reviewed quoted", old: "reviewed: 2026-11-29", new: `reviewed: "2026-11-28"`},
		{name: "reviewed tomorrow", old: "reviewed: 2026-11-29", new: "reviewed: 2026-11-30", wantLine: 16, wantMsg: "reviewed date 2026-11-30 lies in the future"},
		{name: "reviewed not a date", old: "reviewed: 2026-11-29", new: "reviewed: 2026-02-30", wantLine: 16, wantMsg: "reviewed must be a real date"},
		{name: "reviewed wrong form", old: "reviewed: 2026-11-29", new: "reviewed: 29/11/2026", wantLine: 16, wantMsg: "written YYYY-MM-DD"},
		{name: "reviewed a list", old: "reviewed: 2026-11-29", new: "reviewed: [2026-11-29]", wantLine: 16, wantMsg: "reviewed must be a date"},
		{name: "added in the future", old: "added: 2026-01-15", new: "added: 2027-01-15", wantLine: 17, wantMsg: "added date 2027-01-15 lies in the future"},
		{name: "added not a date", old: "added: 2026-01-15", new: "added: 2026-13-01", wantLine: 17, wantMsg: "added must be a real date"},
		{name: "outcome source unknown", old: "    source: https://www.ontario.ca/hubs", new: "    source: https://example.org/other", wantLine: 20, wantMsg: `outcome source "https://example.org/other" is not one of the case's sources`},
		{name: "outcome source by title of a source with url", old: "    source: https://www.ontario.ca/hubs", new: "    source: Strategic Framework", wantLine: 20, wantMsg: "is not one of the case's sources"},
		{name: "outcome without source", old: "    source: https://www.ontario.ca/hubs\n", new: "", wantLine: 19, wantMsg: "outcome has no source"},
		{name: "outcome without text", old: "  - text: Forty schools opened as hubs.\n    source:", new: "  - source:", wantLine: 19, wantMsg: "outcome has no text"},
		{name: "outcome text 300", old: "Forty schools opened as hubs.", new: strings.Repeat("a", 300)},
		{name: "outcome text 301", old: "Forty schools opened as hubs.", new: strings.Repeat("a", 301), wantLine: 19, wantMsg: "outcome text is 301 characters; the limit is 300"},
		{name: "outcome year text", old: "    year: 2018", new: "    year: recent", wantLine: 21, wantMsg: "outcome year must be a whole number"},
		{name: "outcome independent text", old: "independent: false", new: "independent: maybe", wantLine: 22, wantMsg: "independent must be true or false"},
		{name: "outcome unknown key", old: "independent: false", new: "independant: false", wantLine: 22, wantMsg: `unknown outcome key "independant"`},
		{name: "outcome is text", old: "  - text: The auditor found savings.\n    source: Auditor General report", new: "  - The auditor found savings.", wantLine: 23, wantMsg: "each outcome needs a text and a source"},
		{name: "outcomes not a list", old: "outcomes:\n  - text: Forty schools opened as hubs.\n    source: https://www.ontario.ca/hubs\n    year: 2018\n    independent: false\n  - text: The auditor found savings.\n    source: Auditor General report", new: "outcomes: many", wantLine: 18, wantMsg: "outcomes must be a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := evidenceCase
			if tt.old != "" {
				if !strings.Contains(data, tt.old) {
					t.Fatalf("test data has no %q", tt.old)
				}
				data = strings.Replace(data, tt.old, tt.new, 1)
			}
			if p := parseError(t, "cases/community-hubs.md", data, tt.wantMsg); p != nil && p.Line != tt.wantLine {
				t.Errorf("line = %d, want %d (%s)", p.Line, tt.wantLine, p)
			}
		})
	}
}

func TestParseCaseEvidenceFields(t *testing.T) {
	withClock(t, "2026-11-29")
	c, problems := ParseCase("cases/community-hubs.md", []byte(evidenceCase))
	if c == nil {
		t.Fatalf("problems: %v", problems)
	}
	if c.Evidence != 2 || c.Reviewed != "2026-11-29" || c.Added != "2026-01-15" {
		t.Errorf("evidence, reviewed, added = %d, %q, %q", c.Evidence, c.Reviewed, c.Added)
	}
	want := []Outcome{
		{Text: "Forty schools opened as hubs.", Source: Source{Title: "Strategic Framework", URL: "https://www.ontario.ca/hubs"}, Year: 2018},
		{Text: "The auditor found savings.", Source: Source{Title: "Auditor General report"}},
	}
	if len(c.Outcomes) != len(want) {
		t.Fatalf("outcomes = %+v", c.Outcomes)
	}
	for i := range want {
		if c.Outcomes[i] != want[i] {
			t.Errorf("outcome %d = %+v, want %+v", i, c.Outcomes[i], want[i])
		}
	}
	ind, _ := ParseCase("cases/x.md", []byte(strings.Replace(evidenceCase, "independent: false", "independent: true", 1)))
	if ind == nil || !ind.Outcomes[0].Independent {
		t.Errorf("independent: true not read")
	}
}

func TestQuotedYearIsAWarning(t *testing.T) {
	data := strings.Replace(evidenceCase, "year: 2015", `year: "2015"`, 1)
	data = strings.Replace(data, "    year: 2018", "    year: '2018'", 1)
	withClock(t, "2026-11-29")
	c, problems := ParseCase("cases/x.md", []byte(data))
	if c == nil {
		t.Fatalf("problems: %v", problems)
	}
	if c.Year != 2015 || c.Outcomes[0].Year != 2018 {
		t.Errorf("years = %d, %d", c.Year, c.Outcomes[0].Year)
	}
	want := map[int]bool{6: false, 21: false}
	for _, p := range problems {
		if p.Severity == Warning && strings.Contains(p.Message, "remove the quotes") {
			want[p.Line] = true
		}
	}
	for line, ok := range want {
		if !ok {
			t.Errorf("no remove-the-quotes warning on line %d; got %v", line, problems)
		}
	}
}

func TestCompleteness(t *testing.T) {
	withClock(t, "2026-11-29")
	long := strings.Repeat("word ", StubWords)
	full := "## Challenge\n\n" + long + "\n\n## What they did\n\nx\n\n## Results\n\nx\n\n## Lessons\n\nx\n"
	front := strings.TrimSuffix(evidenceCase, "Body.\n")
	tests := []struct{ name, data, want string }{
		{"complete", front + full, CompletenessComplete},
		{"short body is a stub whatever else", front + "## Challenge\n\n" + strings.Repeat("word ", StubWords-10), CompletenessStub},
		{"section missing", front + strings.Replace(full, "## Lessons", "## Learning", 1), CompletenessPartial},
		{"not reviewed", strings.Replace(front, "reviewed: 2026-11-29\n", "", 1) + full, CompletenessPartial},
		{"no outcomes", front[:strings.Index(front, "outcomes:")] + "---\n" + full, CompletenessPartial},
		{"one source", strings.Replace(strings.Replace(front, "  - title: Auditor General report\n", "", 1), "  - text: The auditor found savings.\n    source: Auditor General report\n", "", 1) + full, CompletenessPartial},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, problems := ParseCase("cases/x.md", []byte(tt.data))
			if c == nil {
				t.Fatalf("problems: %v", problems)
			}
			if c.Completeness != tt.want {
				t.Errorf("completeness = %q, want %q", c.Completeness, tt.want)
			}
		})
	}
}
