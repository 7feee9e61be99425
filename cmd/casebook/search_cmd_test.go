package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/casebook/casebook/search"
)

func TestSearchCommand(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"cases/hubs.md":            caseText(strings.Replace(validFront, "title: Good case", "title: Community Hubs", 1) + "\ntags: [hubs]"),
		"cases/budget.md":          caseText(strings.Replace(validFront, "title: Good case", "title: Participatory Budgeting", 1) + "\nsectors: [finance]"),
		"factors/collaboration.md": "---\ntitle: A culture of collaboration\nsummary: Working together.\n---\n",
	})
	tests := []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"text", []string{"search", "--content", dir, "hubs"}, exitOK, "Community Hubs (2016, Canada)"},
		{"flags after words", []string{"search", "budgeting", "--content", dir}, exitOK, "/cases/budget"},
		{"tag filter", []string{"search", "--content", dir, "--tag", "hubs"}, exitOK, "1 case, showing 1"},
		{"factor filter", []string{"search", "--content", dir, "--factor", "collaboration"}, exitOK, "2 cases"},
		{"no match", []string{"search", "--content", dir, "zebra"}, exitInvalid, ""},
		{"suggestion", []string{"search", "--content", dir, "budgetting"}, exitOK, "Participatory Budgeting"},
		{"bad limit", []string{"search", "--content", dir, "--limit", "1000", "x"}, exitUsage, ""},
		{"bad sort", []string{"search", "--content", dir, "--sort", "random"}, exitUsage, ""},
		{"query too long", []string{"search", "--content", dir, strings.Repeat("a", 501)}, exitUsage, ""},
		{"missing folder", []string{"search", "--content", dir + "/nope", "x"}, exitInvalid, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.code, out, errOut)
			}
			if !strings.Contains(out, tt.contains) {
				t.Errorf("output lacks %q:\n%s", tt.contains, out)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		code, out, _ := runCLI(t, "search", "--content", dir, "--json", "hubs")
		var resp struct {
			Total   int `json:"total"`
			Results []struct {
				Slug       string   `json:"slug"`
				Highlights []string `json:"highlights"`
			} `json:"results"`
			Facets map[string][]struct{ Value string } `json:"facets"`
		}
		if err := json.Unmarshal([]byte(out), &resp); err != nil || code != exitOK {
			t.Fatalf("code %d, err %v:\n%s", code, err, out)
		}
		if resp.Total != 1 || resp.Results[0].Slug != "hubs" || len(resp.Facets["factor"]) != 1 {
			t.Errorf("response = %+v", resp)
		}
	})
}

// TestSearchFlagsMatchAPI compares the two lists: every URL parameter of
// the search API that has a flag is a flag of `casebook search`, and the
// command accepts it.
func TestSearchFlagsMatchAPI(t *testing.T) {
	_, _, help := runCLI(t, "search", "--help")
	for _, p := range search.Params() {
		if p.Flag == "" {
			continue
		}
		if !strings.Contains(help, "-"+p.Flag+" ") && !strings.Contains(help, "-"+p.Flag+"\n") {
			t.Errorf("casebook search --help lacks --%s (API parameter %s)", p.Flag, p.Name)
		}
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"filters from the table", []string{"search", "--status", "ongoing", "--level", "local", "--year-from", "2010", "budget"}, exitOK},
		{"exclusion stays a query word", []string{"search", "library", "-oodi"}, exitOK},
		{"bad year names the flag", []string{"search", "--year-from", "soon", "budget"}, exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errOut)
			}
			if tc.code == exitUsage && !strings.Contains(errOut, "--year-from") {
				t.Errorf("stderr %q does not name the flag", errOut)
			}
		})
	}
}
