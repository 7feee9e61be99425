package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/catalog"
)

// newTestFactors are the factor files of the folders the new tests write to.
var newTestFactors = map[string]string{
	"factors/collaboration.md": "---\ntitle: A culture of collaboration\nsummary: Working together.\n---\nBody.\n",
	"factors/service-users.md": "---\ntitle: A focus on service users\nsummary: Users first.\n---\nBody.\n",
}

// fillIn gives the empty required keys of a scaffolded case a value.
var fillIn = strings.NewReplacer(
	"\nsummary:", "\nsummary: A plain summary.",
	"\ncountry:", "\ncountry: Canada",
	"\nlevel:", "\nlevel: local",
	"\nfactors:", "\nfactors: [collaboration]",
)

func TestNewWritesCase(t *testing.T) {
	tests := []struct {
		name      string
		title     string
		wantSlug  string
		wantTitle string // the title as parsed back from the file
	}{
		{"plain title", "Ontario Community Hubs", "ontario-community-hubs", "Ontario Community Hubs"},
		{"accents folded", "Medellín library parks", "medellin-library-parks", "Medellín library parks"},
		{"colon and double quotes", `Community Hubs: "A Strategic Framework" and Action Plan`, "community-hubs-a-strategic-framework-and-action-plan", `Community Hubs: "A Strategic Framework" and Action Plan`},
		{"apostrophe and single quotes", `Deputy's Den: 'pitch' it`, "deputys-den-pitch-it", `Deputy's Den: 'pitch' it`},
		{"YAML indicators", `#1 - [Pilot] {x} & *more*: 50% | > ! @ %`, "1-pilot-x-more-50", `#1 - [Pilot] {x} & *more*: 50% | > ! @ %`},
		{"backslash", `Either\or # not a comment`, "either-or-not-a-comment", `Either\or # not a comment`},
		{"white space collapsed", "  São   Paulo\tPoupatempo \n", "sao-paulo-poupatempo", "São Paulo Poupatempo"},
		{"looks like other types", "2015", "2015", "2015"},
		{"yes", "yes", "yes", "yes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, newTestFactors)
			code, stdout, stderr := runCLI(t, "new", "--title", tt.title, "--content", dir)
			if code != exitOK {
				t.Fatalf("exit code = %d, want 0; stderr:\n%s", code, stderr)
			}
			want := filepath.Join(dir, "cases", tt.wantSlug+".md")
			if got := strings.TrimSpace(stdout); got != want {
				t.Errorf("printed %q, want the path %q", got, want)
			}
			data, err := os.ReadFile(want)
			if err != nil {
				t.Fatal(err)
			}
			rel := "cases/" + tt.wantSlug + ".md"

			// As written: exactly the "fill me in" errors, each on its key's line.
			c, problems := catalog.ParseCase(rel, data)
			if c != nil {
				t.Errorf("the unfilled scaffold parsed without errors")
			}
			wantProblems := []string{
				fmt.Sprintf("%s:%d: summary is empty; it is required", rel, keyLine(t, data, "summary")),
				fmt.Sprintf("%s:%d: country is empty; it is required", rel, keyLine(t, data, "country")),
				fmt.Sprintf("%s:%d: level is empty; it is required", rel, keyLine(t, data, "level")),
				fmt.Sprintf("%s:%d: factors is empty; list at least one", rel, keyLine(t, data, "factors")),
			}
			problems.Sort()
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(wantProblems, "\n") {
				t.Errorf("problems of the scaffold:\n%s\nwant:\n%s\nfile:\n%s", strings.Join(got, "\n"), strings.Join(wantProblems, "\n"), data)
			}

			// Filled in: the title round-trips and the whole folder validates.
			filled := []byte(fillIn.Replace(string(data)))
			c, problems = catalog.ParseCase(rel, filled)
			if c == nil || len(problems) > 0 {
				t.Fatalf("filled-in scaffold: problems %v\n%s", problems, filled)
			}
			if c.Title != tt.wantTitle {
				t.Errorf("title = %q, want %q", c.Title, tt.wantTitle)
			}
			if c.Year != time.Now().Year() {
				t.Errorf("year = %d, want %d", c.Year, time.Now().Year())
			}
			if err := os.WriteFile(want, filled, 0o644); err != nil {
				t.Fatal(err)
			}
			if code, out, _ := runCLI(t, "validate", dir); code != exitOK {
				t.Errorf("validate after filling in: exit %d\n%s", code, out)
			}
		})
	}
}

// keyLine is the 1-based line of the file where the front-matter key starts.
func keyLine(t *testing.T, data []byte, key string) int {
	t.Helper()
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, key+":") {
			return i + 1
		}
	}
	t.Fatalf("no line for key %q", key)
	return 0
}

func TestNewTemplateContents(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		want    []string // lines (or line starts) the file must contain
		notWant []string
	}{
		{
			name:  "factors listed",
			files: newTestFactors,
			want: []string{
				`#   collaboration  A culture of collaboration`,
				`#   service-users  A focus on service users`,
			},
			notWant: []string{"no factors found"},
		},
		{
			name: "broken factor listed by slug",
			files: map[string]string{
				"factors/collaboration.md": "---\ntitle: [oops\n---\n",
				"factors/README.md":        "# not a factor\n",
			},
			want:    []string{"#   collaboration"},
			notWant: []string{"README", "no factors found"},
		},
		{
			name:  "no factors folder",
			files: map[string]string{"cases/.keep": ""},
			want:  []string{"#   no factors found in "},
		},
	}
	keys := []string{"title", "summary", "country", "jurisdiction", "level", "year", "status",
		"organisations", "sectors", "tags", "factors", "sources", "evidence", "reviewed", "added", "outcomes"}
	sections := []string{"## Challenge", "## What they did", "## Results", "## Lessons"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, tt.files)
			code, _, stderr := runCLI(t, "new", "--content", dir, "--title", "Estonia X-Road")
			if code != exitOK {
				t.Fatalf("exit code = %d; stderr:\n%s", code, stderr)
			}
			data, err := os.ReadFile(filepath.Join(dir, "cases", "estonia-x-road.md"))
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			for _, k := range keys {
				// Every key, with a hint comment on its line.
				if !regexp.MustCompile(`(?m)^` + k + `:.*  # \S`).MatchString(text) {
					t.Errorf("no line for key %q with a hint:\n%s", k, text)
				}
			}
			for _, s := range sections {
				re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(s) + `\n\n\S.*\n`)
				if !re.MatchString(text) {
					t.Errorf("no section %q with a one-line hint:\n%s", s, text)
				}
			}
			if !strings.Contains(text, fmt.Sprintf("\nyear: %d ", time.Now().Year())) {
				t.Errorf("year is not the current year:\n%s", text)
			}
			if !strings.Contains(text, "\nadded: "+time.Now().Format(catalog.DateLayout)+" ") {
				t.Errorf("added is not today's date:\n%s", text)
			}
			if !strings.Contains(text, "#    url: https://") {
				t.Errorf("no commented source example:\n%s", text)
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in:\n%s", w, text)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(text, w) {
					t.Errorf("unexpected %q in:\n%s", w, text)
				}
			}
		})
	}
}

func TestNewRefusesToOverwrite(t *testing.T) {
	const existing = "---\ntitle: Hand-written\n---\nDo not touch.\n"
	tests := []struct {
		name     string
		existing string // path of the file already there
		wantPath string // the path the error must name
	}{
		{"same file", "cases/ontario-community-hubs.md", "cases/ontario-community-hubs.md"},
		{"same slug in a subfolder", "cases/2015/ontario-community-hubs.md", "cases/2015/ontario-community-hubs.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{tt.existing: existing}
			for k, v := range newTestFactors {
				files[k] = v
			}
			dir := writeTree(t, files)
			code, stdout, stderr := runCLI(t, "new", "--title", "Ontario Community Hubs", "--content", dir)
			if code != exitInvalid {
				t.Errorf("exit code = %d, want %d", code, exitInvalid)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if want := filepath.Join(dir, filepath.FromSlash(tt.wantPath)); !strings.Contains(stderr, want) || !strings.Contains(stderr, "already exists") {
				t.Errorf("stderr = %q, want it to say %s already exists", stderr, want)
			}
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(tt.existing)))
			if err != nil || string(data) != existing {
				t.Errorf("existing file changed: %q, %v", data, err)
			}
			if tt.existing != "cases/ontario-community-hubs.md" {
				if _, err := os.Stat(filepath.Join(dir, "cases", "ontario-community-hubs.md")); err == nil {
					t.Errorf("a duplicate case was written")
				}
			}
		})
	}

	t.Run("second run", func(t *testing.T) {
		dir := writeTree(t, newTestFactors)
		if code, _, stderr := runCLI(t, "new", "--title", "Twice", "--content", dir); code != exitOK {
			t.Fatalf("first run: exit %d: %s", code, stderr)
		}
		p := filepath.Join(dir, "cases", "twice.md")
		if err := os.WriteFile(p, []byte("edited\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, _ := runCLI(t, "new", "--title", "Twice", "--content", dir); code != exitInvalid {
			t.Errorf("second run: exit %d, want %d", code, exitInvalid)
		}
		if data, _ := os.ReadFile(p); string(data) != "edited\n" {
			t.Errorf("file overwritten: %q", data)
		}
	})
}

func TestNewErrors(t *testing.T) {
	dir := writeTree(t, newTestFactors)
	notAFolder := filepath.Join(dir, "factors", "collaboration.md")
	tests := []struct {
		name       string
		args       []string
		code       int
		wantStderr string
	}{
		{"missing title", []string{"new", "--content", dir}, exitUsage, "missing --title"},
		{"blank title", []string{"new", "--title", "   ", "--content", dir}, exitUsage, "missing --title"},
		{"punctuation only", []string{"new", "--title", "!!! ???", "--content", dir}, exitUsage, "gives no file name"},
		{"no Latin letters", []string{"new", "--title", "日本語", "--content", dir}, exitUsage, "gives no file name"},
		{"unquoted title", []string{"new", "--title", "Medellín", "library", "parks", "--content", dir}, exitUsage, `unexpected argument "library"`},
		{"title too long", []string{"new", "--title", strings.Repeat("word ", 41), "--content", dir}, exitUsage, "the limit is 200"},
		{"invalid UTF-8", []string{"new", "--title", "Caf\xe9", "--content", dir}, exitUsage, "not valid UTF-8"},
		{"unknown flag", []string{"new", "--titel", "X", "--content", dir}, exitUsage, "-titel"},
		{"missing content folder", []string{"new", "--title", "X", "--content", filepath.Join(dir, "nope")}, exitInvalid, "not found"},
		{"content is a file", []string{"new", "--title", "X", "--content", notAFolder}, exitInvalid, "not a folder"},
		{"help", []string{"new", "--help"}, exitOK, "Usage: casebook new"},
		{"help command", []string{"help", "new"}, exitOK, "--title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.wantStderr)
			}
			if tt.code == exitUsage && !strings.Contains(stderr, "--help") {
				t.Errorf("usage error without a hint: %q", stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "cases")); err == nil {
		t.Errorf("a failed command created %s", filepath.Join(dir, "cases"))
	}
}

func TestNewDefaultContentFolder(t *testing.T) {
	dir := writeTree(t, map[string]string{})
	for k, v := range newTestFactors {
		p := filepath.Join(dir, "content", filepath.FromSlash(k))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(v), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	code, stdout, stderr := runCLI(t, "new", "--title", "Peel Human Services")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := filepath.Join("content", "cases", "peel-human-services.md")
	if strings.TrimSpace(stdout) != want {
		t.Errorf("printed %q, want %q", stdout, want)
	}
	if _, err := os.Stat(want); err != nil {
		t.Error(err)
	}
}
