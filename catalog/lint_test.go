package catalog

import (
	"strings"
	"testing"
)

func TestYAMLErrorsExplained(t *testing.T) {
	tests := []struct {
		name, old, new string
		wantLine       int
		wantMsg        string
	}{
		// goodCase's later quoted source title would close the quote for the parser.
		{"unclosed quote", "country: Canada", `country: "Canada`, 4, `the quote (") opened on this line is never closed`},
		{"unclosed single quote", "country: Canada", `country: 'Canada`, 4, `the quote (') opened on this line is never closed`},
		{"tab", "  - title:", "\t- title:", 14, "this line is indented with a tab; YAML allows only spaces"},
		{"bad indentation", "country: Canada", "country: Canada\n  level: x", 5, "this line is not indented like the lines above it; indent it by no spaces"},
		{"bad indentation in a source", "    url:", "   url:", 15, "this line is not indented like the lines above it; indent it by 4 spaces"},
		{"colon in an unquoted title", "title: Community Hubs", "title: Hubs: a plan", 2, `the value of title contains ": "` + `, which YAML reads as the start of a new key; put the whole value in double quotes, like title: "Hubs: a plan"`},
		{"unclosed list", "sectors: [social services, health]", "sectors: [social services, health", 10, "the list opened with [ on this line is never closed; add ]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(goodCase, tt.old) {
				t.Fatalf("goodCase has no %q", tt.old)
			}
			_, problems := ParseCase("cases/x.md", []byte(strings.Replace(goodCase, tt.old, tt.new, 1)))
			errs := problems.Errors()
			if len(errs) != 1 {
				t.Fatalf("errors = %v, want one", errs)
			}
			if errs[0].Line != tt.wantLine || !strings.Contains(errs[0].Message, "front matter is not valid YAML: "+tt.wantMsg) {
				t.Errorf("got %s\nwant line %d: %s", errs[0], tt.wantLine, tt.wantMsg)
			}
		})
	}
}

func TestBodyWarnings(t *testing.T) {
	front := strings.Split(goodCase, "---\n")[1]
	// The body starts on line 17; the text after sections on line 32.
	sections := "## Challenge\n\nx\n\n## What they did\n\nx\n\n## Results\n\nx\n\n## Lessons\n\nx\n"
	tests := []struct {
		name, body string
		want       []string // warnings, as FILE:LINE: warning: message prefixes
	}{
		{"clean", sections + "See [the other case](/cases/other) and [a factor](/factors/collaboration).\n", nil},
		{"unclosed link", sections + "See [the report](https://example.org/x for more.\n", []string{"cases/x.md:32: warning: a link here is missing its closing parenthesis"}},
		{".md link", sections + "See [hubs](other-case.md).\n", []string{"cases/x.md:32: warning: the link to other-case.md works on GitHub but not on the site; write /cases/other-case instead"}},
		{"factor .md link", sections + "See [it](../factors/collaboration.md).\n", []string{"cases/x.md:32: warning: the link to ../factors/collaboration.md works on GitHub but not on the site; write /factors/collaboration instead"}},
		{"raw HTML", sections + "<div class=\"x\">Boxed</div>\n\nA <b>bold</b> word.\n", []string{"cases/x.md:32: warning: raw HTML (<div", "cases/x.md:34: warning: raw HTML (<b>)"}},
		{"renamed section", strings.Replace(sections, "## Results", "## Result", 1), []string{`cases/x.md:25: warning: the section "## Result" looks like the recommended "## Results"`}},
		{"section at the wrong level", strings.Replace(sections, "## Lessons", "### Lessons", 1), []string{`cases/x.md:29: warning: the section "### Lessons" looks like the recommended "## Lessons"`}},
		{"code is not checked", sections + "```\n<div> [x](y.md\n```\n\nUse `<br>` and `[x](y.md)`.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := ParseCase("cases/x.md", []byte("---\n"+front+"---\n"+tt.body))
			var got []string
			for _, p := range problems {
				if p.Severity == Warning {
					got = append(got, p.String())
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("warnings:\n%s\nwant %d: %q", strings.Join(got, "\n"), len(tt.want), tt.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("warning %d = %q, want prefix %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}
