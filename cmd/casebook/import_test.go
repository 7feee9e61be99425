package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/content"
)

// TestImportRoundTrip exports the embedded catalogue as CSV, imports it into
// an empty folder holding only the factors, and exports that again.
func TestImportRoundTrip(t *testing.T) {
	code, first, errOut := runCLI(t, "export", "--format", "csv")
	if code != exitOK {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	dir := t.TempDir()
	factors, err := fs.Glob(content.FS, "factors/*.md")
	if err != nil || len(factors) == 0 {
		t.Fatalf("no factors in the embedded catalogue: %v", err)
	}
	for _, p := range factors {
		data, _ := fs.ReadFile(content.FS, p)
		writeFile(t, filepath.Join(dir, p), string(data))
	}
	csvFile := filepath.Join(t.TempDir(), "cases.csv")
	writeFile(t, csvFile, first)
	code, _, errOut = runCLI(t, "import", "--from", "csv", "--content", dir, csvFile)
	if code != exitOK {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	code, second, errOut := runCLI(t, "export", "--format", "csv", "--content", dir)
	if code != exitOK || errOut != "" {
		t.Fatalf("export of the import: exit %d: %s", code, errOut)
	}
	if second != first {
		t.Errorf("the CSV changed in a round trip; first %d bytes, then %d", len(first), len(second))
	}
	code, _, errOut = runCLI(t, "import", "--from", "csv", "--content", dir, csvFile)
	if code != exitInvalid || !strings.Contains(errOut, "already exists") {
		t.Errorf("second import: exit %d, stderr %q; want 1 and no overwriting", code, errOut)
	}
}

func TestImportProblems(t *testing.T) {
	factor := map[string]string{"factors/collaboration.md": "---\ntitle: Collaboration\nsummary: Working together.\n---\n"}
	header := "title,summary,country,level,year,factors\n"
	tests := []struct {
		name   string
		args   []string
		csv    string
		code   int
		stderr []string
	}{
		{
			name: "three bad rows, nothing written",
			csv: header + "Good,S.,Canada,local,2015,collaboration\n" +
				"Bad level,S.,Canada,town,2015,collaboration\n" +
				"Bad factor,S.,Canada,local,2015,colaboration\n" +
				"Bad year,S.,Canada,local,1200,collaboration\n",
			code:   exitInvalid,
			stderr: []string{"in.csv:3: ", "in.csv:4: ", "in.csv:5: ", "3 problems; nothing written"},
		},
		{name: "no --from", args: []string{}, csv: header, code: exitUsage, stderr: []string{"--from csv"}},
		{name: "two files", args: []string{"--from", "csv", "extra.csv"}, csv: header, code: exitUsage, stderr: []string{"one CSV file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, factor)
			csvFile := filepath.Join(t.TempDir(), "in.csv")
			writeFile(t, csvFile, tt.csv)
			args := tt.args
			if args == nil {
				args = []string{"--from", "csv"}
			}
			args = append(append([]string{"import", "--content", dir}, args...), csvFile)
			code, _, errOut := runCLI(t, args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %s", code, tt.code, errOut)
			}
			for _, w := range tt.stderr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q lacks %q", errOut, w)
				}
			}
			if entries, _ := os.ReadDir(filepath.Join(dir, "cases")); len(entries) != 0 {
				t.Errorf("%d files written, want none", len(entries))
			}
		})
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
