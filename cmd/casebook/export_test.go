package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/casebook/casebook/catalog"
)

func TestExport(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"cases/one.md":             caseText(validFront + "\ntags: [a, b]\nsources:\n  - title: Report\n    url: https://example.org/r"),
		"cases/two.md":             caseText(strings.Replace(validFront, "title: Good case", "title: \"=HYPERLINK(1)\"", 1)),
		"factors/collaboration.md": "---\ntitle: A culture of collaboration\nsummary: Working together.\n---\n",
	})
	t.Run("json", func(t *testing.T) {
		code, out, errOut := runCLI(t, "export", "--content", dir, "--format", "json")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var got []struct {
			Slug    string   `json:"slug"`
			URL     string   `json:"url"`
			Tags    []string `json:"tags"`
			Sectors []string `json:"sectors"`
			Body    string   `json:"body"`
			Sources []struct{ Title, URL string }
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].Slug != "one" || got[0].URL != "/cases/one" || len(got[0].Tags) != 2 ||
			got[0].Sectors == nil || !strings.Contains(got[0].Body, "## Challenge") || got[0].Sources[0].URL != "https://example.org/r" {
			t.Errorf("export = %+v", got)
		}
		if !strings.Contains(out, `"sectors": []`) {
			t.Errorf("empty lists should be [] not null")
		}
	})
	t.Run("csv", func(t *testing.T) {
		code, out, errOut := runCLI(t, "export", "--content", dir, "--format", "csv")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(catalog.CSVColumns, ",") {
			t.Fatalf("rows = %v", rows)
		}
		if rows[1][10] != "a; b" {
			t.Errorf("tags cell = %q, want lists joined by \"; \"", rows[1][10])
		}
		if rows[1][13] != "Report | https://example.org/r" {
			t.Errorf("sources cell = %q", rows[1][13])
		}
		if rows[2][1] != "'=HYPERLINK(1)" {
			t.Errorf("formula cell = %q, want it defused", rows[2][1])
		}
	})
}
