package catalog

import (
	"strings"
	"testing"
)

// goodCase is a valid case file; tests change one thing at a time.
const goodCase = `---
title: Community Hubs
summary: Schools and other public buildings become hubs for local services.
country: Canada
jurisdiction: Ontario
level: provincial
year: 2015
status: ongoing
organisations: [Ontario Cabinet Office]
sectors: [social services, health]
tags: [community hubs, service integration]
factors: [service-users, collaboration]
sources:
  - title: "Community Hubs in Ontario: A Strategic Framework and Action Plan"
    url: https://www.ontario.ca/page/community-hubs-ontario-strategic-framework-and-action-plan
---
## Challenge

Services were scattered.

## What they did

They *joined* them up.
`

func TestParseCaseFrontMatter(t *testing.T) {
	tests := []struct {
		name     string
		path     string
		data     string
		wantLine int    // 0: no line expected
		wantMsg  string // substring of the first error; "" for no errors
	}{
		{name: "valid", data: goodCase},
		{name: "CRLF line ends", data: strings.ReplaceAll(goodCase, "\n", "\r\n")},
		{name: "byte-order mark", data: "\xef\xbb\xbf" + goodCase},
		{name: "no front matter", data: "# Just a title\n\nText.\n", wantLine: 1, wantMsg: "missing front matter"},
		{name: "empty file", data: "", wantMsg: "file is empty"},
		{name: "only blank lines", data: "\n\n  \n", wantMsg: "file is empty"},
		{name: "front matter never closed", data: "---\ntitle: x\n", wantLine: 1, wantMsg: "never closed"},
		{name: "empty front matter", data: "---\n---\nBody\n", wantLine: 2, wantMsg: `missing required key "title"`},
		{name: "bad YAML: unclosed list", data: strings.Replace(goodCase, "sectors: [social services, health]", "sectors: [social services, health", 1), wantLine: 10, wantMsg: "not valid YAML"},
		{name: "bad YAML: bad indentation", data: strings.Replace(goodCase, "country: Canada", "country: Canada\n  level: x", 1), wantLine: 5, wantMsg: "not valid YAML"},
		{name: "bad YAML: colon in value", data: strings.Replace(goodCase, "title: Community Hubs", "title: Hubs: a plan", 1), wantLine: 2, wantMsg: "not valid YAML"},
		{name: "bad YAML: unclosed quote", data: strings.Replace(goodCase, "country: Canada", "country: \"Canada", 1), wantMsg: "not valid YAML"},
		{name: "bad YAML: tab indentation", data: strings.Replace(goodCase, "  - title:", "\t- title:", 1), wantMsg: "not valid YAML"},
		{name: "front matter is a list", data: "---\n- a\n- b\n---\n", wantLine: 2, wantMsg: "key: value"},
		{name: "unknown key", data: strings.Replace(goodCase, "status: ongoing", "status: ongoing\nauthor: Jo", 1), wantLine: 9, wantMsg: `unknown key "author"`},
		{name: "misspelt key", data: strings.Replace(goodCase, "summary:", "sumary:", 1), wantLine: 3, wantMsg: `did you mean "summary"`},
		{name: "duplicate key", data: strings.Replace(goodCase, "status: ongoing", "status: ongoing\nstatus: pilot", 1), wantLine: 9, wantMsg: "appears twice"},
		{name: "missing title", data: strings.Replace(goodCase, "title: Community Hubs\n", "", 1), wantLine: 15, wantMsg: `missing required key "title"`},
		{name: "missing summary", data: strings.Replace(goodCase, "summary: Schools and other public buildings become hubs for local services.\n", "", 1), wantMsg: `missing required key "summary"`},
		{name: "missing country", data: strings.Replace(goodCase, "country: Canada\n", "", 1), wantMsg: `missing required key "country"`},
		{name: "missing level", data: strings.Replace(goodCase, "level: provincial\n", "", 1), wantMsg: `missing required key "level"`},
		{name: "missing year", data: strings.Replace(goodCase, "year: 2015\n", "", 1), wantMsg: `missing required key "year"`},
		{name: "missing factors", data: strings.Replace(goodCase, "factors: [service-users, collaboration]\n", "", 1), wantMsg: `missing required key "factors"`},
		{name: "empty title", data: strings.Replace(goodCase, "title: Community Hubs", "title: \"  \"", 1), wantLine: 2, wantMsg: "title is empty"},
		{name: "empty factors", data: strings.Replace(goodCase, "factors: [service-users, collaboration]", "factors: []", 1), wantLine: 12, wantMsg: "factors is empty"},
		{name: "null factors", data: strings.Replace(goodCase, "factors: [service-users, collaboration]", "factors:", 1), wantLine: 12, wantMsg: "factors is empty"},
		{name: "year is text", data: strings.Replace(goodCase, "year: 2015", "year: twenty fifteen", 1), wantLine: 7, wantMsg: "year must be a whole number"},
		{name: "year is a list", data: strings.Replace(goodCase, "year: 2015", "year: [2015]", 1), wantLine: 7, wantMsg: "year must be a whole number"},
		{name: "year too early", data: strings.Replace(goodCase, "year: 2015", "year: 1799", 1), wantLine: 7, wantMsg: "out of range"},
		{name: "year far ahead", data: strings.Replace(goodCase, "year: 2015", "year: 3000", 1), wantLine: 7, wantMsg: "out of range"},
		{name: "title is a list", data: strings.Replace(goodCase, "title: Community Hubs", "title: [a, b]", 1), wantLine: 2, wantMsg: "title must be a single line of text"},
		{name: "tags is text", data: strings.Replace(goodCase, "tags: [community hubs, service integration]", "tags: hubs", 1), wantLine: 11, wantMsg: "tags must be a list"},
		{name: "tag is a map", data: strings.Replace(goodCase, "tags: [community hubs, service integration]", "tags:\n  - a: b", 1), wantLine: 12, wantMsg: "each entry of tags must be text"},
		{name: "bad level", data: strings.Replace(goodCase, "level: provincial", "level: provincal", 1), wantLine: 6, wantMsg: `did you mean "provincial"`},
		{name: "bad status", data: strings.Replace(goodCase, "status: ongoing", "status: finished", 1), wantLine: 8, wantMsg: "status must be one of"},
		{name: "title too long", data: strings.Replace(goodCase, "title: Community Hubs", "title: "+strings.Repeat("a", 201), 1), wantLine: 2, wantMsg: "limit is 200"},
		{name: "summary too long", data: strings.Replace(goodCase, "summary: Schools and other public buildings become hubs for local services.", "summary: "+strings.Repeat("a", 401), 1), wantLine: 3, wantMsg: "limit is 400"},
		{name: "javascript source url", data: strings.Replace(goodCase, "url: https://www.ontario.ca/page/community-hubs-ontario-strategic-framework-and-action-plan", "url: javascript:alert(1)", 1), wantLine: 15, wantMsg: "must start with http"},
		{name: "ftp source url", data: strings.Replace(goodCase, "url: https://www.ontario.ca/page/community-hubs-ontario-strategic-framework-and-action-plan", "url: ftp://example.org/x", 1), wantLine: 15, wantMsg: "must start with http"},
		{name: "source without title", data: strings.Replace(goodCase, "  - title: \"Community Hubs in Ontario: A Strategic Framework and Action Plan\"\n    url:", "  - url:", 1), wantLine: 14, wantMsg: "source has no title"},
		{name: "unknown source key", data: strings.Replace(goodCase, "    url:", "    link:", 1), wantLine: 15, wantMsg: `unknown source key "link"`},
		{name: "bad slug", path: "cases/Community_Hubs.md", data: goodCase, wantMsg: "bad file name"},
		{name: "slug too long", path: "cases/" + strings.Repeat("a", 81) + ".md", data: goodCase, wantMsg: "bad file name"},
		{name: "invalid UTF-8", data: strings.Replace(goodCase, "Canada", "Can\xffada", 1), wantLine: 4, wantMsg: "not valid UTF-8"},
		{name: "too large", data: goodCase + strings.Repeat("x", MaxFileSize), wantMsg: "limit is 1048576"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = "cases/community-hubs.md"
			}
			found := parseError(t, path, tt.data, tt.wantMsg)
			if found == nil {
				return
			}
			if found.File != path {
				t.Errorf("file = %q, want %q", found.File, path)
			}
			if tt.wantLine != 0 && found.Line != tt.wantLine {
				t.Errorf("line = %d, want %d (%s)", found.Line, tt.wantLine, found)
			}
		})
	}
}

func TestParseCaseFields(t *testing.T) {
	c, problems := ParseCase("cases/community-hubs.md", []byte(goodCase))
	if c == nil {
		t.Fatalf("problems: %v", problems)
	}
	checks := []struct{ name, got, want string }{
		{"slug", c.Slug, "community-hubs"},
		{"title", c.Title, "Community Hubs"},
		{"level", c.Level, "provincial"},
		{"status", c.Status, "ongoing"},
		{"place", c.Place(), "Ontario, Canada"},
		{"factors", strings.Join(c.Factors, ","), "service-users,collaboration"},
		{"tags", strings.Join(c.Tags, ","), "community hubs,service integration"},
		{"source title", c.Sources[0].Title, "Community Hubs in Ontario: A Strategic Framework and Action Plan"},
		{"url", c.URL(), "/cases/community-hubs"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %q, want %q", ch.name, ch.got, ch.want)
		}
	}
	if c.Year != 2015 {
		t.Errorf("year = %d", c.Year)
	}
	if !strings.Contains(string(c.BodyHTML), "<em>joined</em>") {
		t.Errorf("body HTML = %s", c.BodyHTML)
	}
	if len(c.Headings) != 2 || c.Headings[1].ID != "what-they-did" || c.Headings[1].Text != "What they did" {
		t.Errorf("headings = %+v", c.Headings)
	}
	if !strings.Contains(c.Text, "They joined them up.") || strings.Contains(c.Text, "*") {
		t.Errorf("text = %q", c.Text)
	}
}

func TestParseCaseNormalises(t *testing.T) {
	data := strings.Replace(goodCase, "level: provincial", "level: Provincial", 1)
	data = strings.Replace(data, "tags: [community hubs, service integration]", "tags: [Hubs, hubs, \" spaced \"]", 1)
	c, problems := ParseCase("cases/x.md", []byte(data))
	if c == nil {
		t.Fatalf("problems: %v", problems)
	}
	if c.Level != "provincial" {
		t.Errorf("level = %q", c.Level)
	}
	if got := strings.Join(c.Tags, "|"); got != "Hubs|spaced" {
		t.Errorf("tags = %q, want duplicates dropped and spaces trimmed", got)
	}
}

func TestParseFactor(t *testing.T) {
	tests := []struct {
		name, data, wantMsg string
	}{
		{"valid", "---\ntitle: Executive leadership\nsummary: Leaders back it.\naliases: [leadership, senior sponsorship]\n---\n## What it is\n\nText.\n", ""},
		{"missing summary", "---\ntitle: Executive leadership\n---\n", `missing required key "summary"`},
		{"unknown key", "---\ntitle: T\nsummary: S\nlevel: local\n---\n", `unknown key "level"`},
		{"aliases not a list", "---\ntitle: T\nsummary: S\naliases: x\n---\n", "aliases must be a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, problems := ParseFactor("factors/executive-leadership.md", []byte(tt.data))
			if tt.wantMsg == "" {
				if f == nil || problems.HasErrors() {
					t.Fatalf("problems: %v", problems)
				}
				if len(f.Aliases) != 2 || f.Slug != "executive-leadership" {
					t.Errorf("factor = %+v", f)
				}
				return
			}
			if f != nil || !strings.Contains(problems.Errors()[0].Message, tt.wantMsg) {
				t.Errorf("want error %q, got %v", tt.wantMsg, problems)
			}
		})
	}
}
