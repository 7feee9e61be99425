package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/catalog"
)

// caseText builds a case file from front matter lines between the fences.
func caseText(front string) string {
	return "---\n" + front + "\n---\n## Challenge\n\nText.\n\n## What they did\n\nText.\n\n## Results\n\nText.\n\n## Lessons\n\nText.\n"
}

const validFront = "title: Good case\nsummary: It works.\ncountry: Canada\nlevel: local\nyear: 2016\nfactors: [collaboration]"

// writeTree writes files (path -> contents) under a new temporary folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &cliEnv{stdout: &out, stderr: &errb, stdin: strings.NewReader("")})
	return code, out.String(), errb.String()
}

func TestValidateBadFolder(t *testing.T) {
	// Each bad file, and what its problem line must contain; withLine says
	// whether the problem has a line number.
	bad := []struct {
		file, content, want string
		withLine            bool
	}{
		{"cases/missing-title.md", caseText(strings.Replace(validFront, "title: Good case\n", "", 1)), `missing required key "title"`, true},
		{"cases/empty-summary.md", caseText(strings.Replace(validFront, "summary: It works.", "summary: ''", 1)), "summary is empty", true},
		{"cases/unknown-key.md", caseText(validFront + "\nauthor: Jo"), `unknown key "author"`, true},
		{"cases/wrong-type.md", caseText(strings.Replace(validFront, "year: 2016", "year: soon", 1)), "year must be a whole number", true},
		{"cases/bad-level.md", caseText(strings.Replace(validFront, "level: local", "level: city", 1)), "level must be one of", true},
		{"cases/bad-status.md", caseText(validFront + "\nstatus: done"), "status must be one of", true},
		{"cases/year-out-of-range.md", caseText(strings.Replace(validFront, "year: 2016", "year: 1066", 1)), "out of range", true},
		{"cases/Bad_Slug.md", caseText(validFront), "bad file name", false},
		{"cases/more/good.md", caseText(validFront), `duplicate slug "good"`, false},
		{"cases/unknown-factor.md", caseText(strings.Replace(validFront, "[collaboration]", "[colaboration]", 1)), `unknown factor "colaboration" (did you mean "collaboration"?)`, true},
		{"cases/bad-source-url.md", caseText(validFront + "\nsources:\n  - title: A report\n    url: javascript:alert(1)"), "must start with http", true},
		{"cases/too-large.md", caseText(validFront) + strings.Repeat("word ", 220000), "limit is 1048576", false},
		{"cases/empty.md", "", "file is empty", false},
		{"cases/no-front-matter.md", "# Just Markdown\n", "missing front matter", true},
		{"cases/invalid-utf8.md", caseText(strings.Replace(validFront, "Canada", "Can\xe9da", 1)), "not valid UTF-8", true},
		{"cases/bad-yaml.md", caseText(strings.Replace(validFront, "factors: [collaboration]", "factors: [collaboration", 1)), "not valid YAML", true},
		{"factors/no-summary.md", "---\ntitle: A factor\n---\n", `missing required key "summary"`, true},
		{"synonyms.yaml", "- [pb, participatory budgeting]\n- just text\n", "synonym group", true},
	}
	files := map[string]string{
		"cases/good.md":            caseText(validFront),
		"cases/crlf.md":            strings.ReplaceAll(caseText(validFront), "\n", "\r\n"),
		"cases/bom.md":             "\ufeff" + caseText(validFront),
		"factors/collaboration.md": "---\ntitle: A culture of collaboration\nsummary: Working together.\n---\nBody.\n",
	}
	for _, b := range bad {
		files[b.file] = b.content
	}
	dir := writeTree(t, files)
	code, out, _ := runCLI(t, "validate", dir)
	if code != exitInvalid {
		t.Errorf("exit code = %d, want %d", code, exitInvalid)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, b := range bad {
		prefix := b.file + ":"
		var hit string
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) && strings.Contains(l, b.want) {
				hit = l
			}
		}
		if hit == "" {
			t.Errorf("%s: no problem containing %q in output:\n%s", b.file, b.want, out)
			continue
		}
		hasLine := regexp.MustCompile(`^` + regexp.QuoteMeta(prefix) + `\d+: `).MatchString(hit)
		if hasLine != b.withLine {
			t.Errorf("%s: line number present = %v, want %v: %s", b.file, hasLine, b.withLine, hit)
		}
	}
	for _, good := range []string{"cases/good.md:", "cases/crlf.md", "cases/bom.md", "factors/collaboration.md"} {
		for _, l := range lines {
			// The good files are not reviewed: the review list is all they may be on.
			if strings.HasPrefix(l, good) && !strings.HasSuffix(l, "warning: never reviewed: check the case against its sources and add reviewed: "+time.Now().Format(catalog.DateLayout)) {
				t.Errorf("good file %s is mentioned: %s", good, l)
			}
		}
	}
}

func TestValidateReviewList(t *testing.T) {
	today := time.Now()
	recent := today.AddDate(-1, 0, 0).Format(catalog.DateLayout)
	old := today.AddDate(-2, 0, -1).Format(catalog.DateLayout)
	dir := writeTree(t, map[string]string{
		"cases/recent.md":          caseText(validFront + "\nreviewed: " + recent),
		"cases/old.md":             caseText(validFront + "\nreviewed: " + old),
		"cases/never.md":           caseText(validFront),
		"factors/collaboration.md": "---\ntitle: A culture of collaboration\nsummary: Working together.\n---\n",
	})
	code, out, _ := runCLI(t, "validate", dir)
	if code != exitOK {
		t.Errorf("exit code = %d, want 0: review warnings are not errors", code)
	}
	oldLine := strings.Count(validFront, "\n") + 3
	want := []string{
		"cases/never.md: warning: never reviewed: check the case against its sources and add reviewed: " + today.Format(catalog.DateLayout),
		"cases/old.md:" + strconv.Itoa(oldLine) + ": warning: last reviewed " + old + ", more than two years ago: check the case against its sources and update reviewed",
	}
	if got := strings.Split(strings.TrimSpace(out), "\n"); !slices.Equal(got, want) {
		t.Errorf("output:\n%s\nwant:\n%s", out, strings.Join(want, "\n"))
	}
}

func TestValidateEveryProblemInOnePass(t *testing.T) {
	today := time.Now().Format(catalog.DateLayout)
	many := "---\ntitle: Many problems\nsummary: It works.\ncountry: Canada\nlevel: city\nyear: \"2016\"\n" +
		"factors: [colaboration]\nevidence: 7\nreviewed: 2999-01-01\nsources:\n  - title: Report\n    url: https://example.org/r\n" +
		"outcomes:\n  - text: It worked.\n    source: https://example.org/other\n---\n" +
		"## Challenge\n\nSee [other](other-case.md) and [x](/cases/nowhere).\n\n## What they did\n\n<div>Boxed</div>\n\n" +
		"## Result\n\nText [broken](https://example.org/x\n\n## Lessons\n\nText.\n"
	dir := writeTree(t, map[string]string{
		"cases/good.md":            caseText(validFront + "\nreviewed: " + today),
		"cases/archive/good.md":    caseText(validFront + "\nreviewed: " + today),
		"cases/many.md":            many,
		"cases/bad-yaml.md":        caseText(strings.Replace(validFront, "summary: It works.", "summary: \"It works.", 1) + "\nsources:\n  - title: \"A report\""),
		"factors/collaboration.md": "---\ntitle: A culture of collaboration\nsummary: Working together.\n---\nBody.\n",
	})
	code, out, _ := runCLI(t, "validate", dir)
	if code != exitInvalid {
		t.Errorf("exit code = %d, want %d", code, exitInvalid)
	}
	want := []string{
		`cases/archive/good.md: duplicate slug "good": cases/good.md has it already; rename this file, or delete it if it is a copy`,
		`cases/bad-yaml.md:3: front matter is not valid YAML: the quote (") opened on this line is never closed; add a closing " at the end of the value`,
		`cases/many.md:5: level must be one of local, regional, provincial, national, international (got "city")`,
		`cases/many.md:6: warning: year is written in quotes ("2016"), which makes it text; remove the quotes`,
		`cases/many.md:7: unknown factor "colaboration" (did you mean "collaboration"?); the case is not published until it is fixed`,
		`cases/many.md:8: evidence must be a Nesta evidence level from 1 to 5 (got 7); when unsure, choose the lower level`,
		`cases/many.md:9: reviewed date 2999-01-01 lies in the future; use the date it happened (today is ` + today + `)`,
		`cases/many.md:15: outcome source "https://example.org/other" is not one of the case's sources; name a listed source by its url (or its title if it has no url)`,
		`cases/many.md:19: warning: the link to /cases/nowhere goes nowhere: there is no case "nowhere"`,
		`cases/many.md:19: warning: the link to other-case.md works on GitHub but not on the site; write /cases/other-case instead`,
		`cases/many.md:23: warning: raw HTML (<div>Boxed</div>) is dropped from the page; write it in Markdown instead`,
		`cases/many.md:25: warning: the section "## Result" looks like the recommended "## Results"; write it exactly so, so that the case counts as complete`,
		`cases/many.md:27: warning: a link here is missing its closing parenthesis; write it as [text](https://...)`,
	}
	if got := strings.Split(strings.TrimSpace(out), "\n"); !slices.Equal(got, want) {
		t.Errorf("output:\n%s\nwant:\n%s", out, strings.Join(want, "\n"))
	}
}

func TestValidateGitHubFormat(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"cases/x.md":               caseText(strings.Replace(validFront, "[collaboration]", "[colaboration]", 1)),
		"factors/collaboration.md": "---\ntitle: A culture of collaboration\nsummary: Working together.\n---\n",
	})
	code, out, _ := runCLI(t, "validate", "--format", "github", dir)
	want := "::error file=cases/x.md,line=7::unknown factor \"colaboration\""
	if code != exitInvalid || !strings.HasPrefix(out, want) && !strings.Contains(out, "\n"+want) {
		t.Errorf("code %d, output %q, want prefix %q", code, out, want)
	}
}

func TestValidateEmbeddedContent(t *testing.T) {
	code, out, errOut := runCLI(t, "validate", "../../content")
	if code != exitOK {
		t.Fatalf("validate content: exit %d\n%s%s", code, out, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"unknown flag", []string{"validate", "--nope"}, exitUsage},
		{"bad format", []string{"validate", "--format", "xml"}, exitUsage},
		{"two folders", []string{"validate", "a", "b"}, exitUsage},
		{"missing folder", []string{"validate", "/no/such/folder"}, exitInvalid},
		{"export bad format", []string{"export", "--format", "xml"}, exitUsage},
		{"help", []string{"help"}, exitOK},
		{"validate help", []string{"validate", "--help"}, exitOK},
		{"export help", []string{"export", "-h"}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if tt.code == exitUsage && !strings.Contains(stderr, "--help") {
				t.Errorf("usage error without a hint: %q", stderr)
			}
		})
	}
}

func TestValidateCountryTheMapDoesNotKnow(t *testing.T) {
	reviewed := "\nreviewed: " + time.Now().Format(catalog.DateLayout)
	dir := writeTree(t, map[string]string{
		"cases/usa.md":             caseText(strings.Replace(validFront, "Canada", "USA", 1) + reviewed),
		"cases/eu.md":              caseText(strings.Replace(validFront, "Canada", "European Union", 1) + reviewed),
		"cases/canada.md":          caseText(validFront + reviewed),
		"cases/nowhere.md":         caseText(strings.Replace(validFront, "Canada", "Narnia", 1) + reviewed),
		"factors/collaboration.md": "---\ntitle: A culture of collaboration\nsummary: Working together.\n---\n",
	})
	code, out, _ := runCLI(t, "validate", dir)
	if code != exitOK {
		t.Errorf("exit code = %d, want 0: country warnings are not errors", code)
	}
	want := []string{
		`cases/nowhere.md:4: warning: the map does not know the country "Narnia"; write the country's usual English name, or International or European Union`,
		`cases/usa.md:4: warning: the map does not know the country "USA"; write "United States"`,
	}
	if got := strings.Split(strings.TrimSpace(out), "\n"); !slices.Equal(got, want) {
		t.Errorf("output:\n%s\nwant:\n%s", out, strings.Join(want, "\n"))
	}
}
