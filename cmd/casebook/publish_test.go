package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
	"github.com/casebook/casebook/internal/datapackage"
)

// TestExportDataPackage writes the embedded catalogue as a data package and
// reads back its descriptor: the content version (computed, or named by
// --content-version), the licence and the six tables with absolute URLs.
func TestExportDataPackage(t *testing.T) {
	computed, err := catalog.Version(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		args        []string
		version     string
		licence     string
		casesPrefix string
	}{
		{"defaults", nil, computed, "CC-BY-4.0", "/cases/"},
		{"named", []string{"--content-version", "v2026.11", "--licence", "cc0-1.0", "--base-url", "https://casebook.example.org"},
			"v2026.11", "CC0-1.0", "https://casebook.example.org/cases/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "pkg")
			code, _, errOut := runCLI(t, append([]string{"export", "--format", "datapackage", "--out", dir}, tt.args...)...)
			if code != exitOK || !strings.Contains(errOut, tt.version) {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			raw, err := os.ReadFile(filepath.Join(dir, datapackage.DescriptorName))
			if err != nil {
				t.Fatal(err)
			}
			var d struct {
				Version   string                `json:"version"`
				Licenses  []datapackage.License `json:"licenses"`
				Resources []struct {
					Path string `json:"path"`
				} `json:"resources"`
			}
			if err := json.Unmarshal(raw, &d); err != nil {
				t.Fatal(err)
			}
			if d.Version != tt.version || len(d.Licenses) != 1 || d.Licenses[0].Name != tt.licence || len(d.Resources) != 6 {
				t.Errorf("descriptor: %s", raw)
			}
			cases, err := os.ReadFile(filepath.Join(dir, "cases.csv"))
			if err != nil || !strings.Contains(string(cases), ","+tt.casesPrefix) {
				t.Errorf("cases.csv (%v) lacks URLs starting %s", err, tt.casesPrefix)
			}
		})
	}
}

func TestPublicationFlagErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"out without datapackage", []string{"export", "--out", "x"}, "--out DIR goes with --format datapackage"},
		{"datapackage without out", []string{"export", "--format", "datapackage"}, "--out DIR goes with --format datapackage"},
		{"unknown licence", []string{"export", "--licence", "GPL"}, "unknown licence"},
		{"bad version", []string{"serve", "--content-version", "a b"}, "--content-version"},
		{"bad base url", []string{"export", "--base-url", "ftp://x"}, "--base-url"},
		{"serve licence", []string{"serve", "--licence", "nope"}, "unknown licence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tt.args...)
			if code != exitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d naming %q", code, errOut, exitUsage, tt.want)
			}
		})
	}
}
