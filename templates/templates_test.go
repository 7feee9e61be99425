package templates

import (
	"html/template"
	"io/fs"
	"strings"
	"testing"
)

func TestPlural(t *testing.T) {
	tests := []struct {
		n         int
		one, many string
		want      string
	}{
		{0, "case", "", "0 cases"},
		{1, "case", "", "1 case"},
		{2, "case study", "case studies", "2 case studies"},
		{12345, "case", "", "12,345 cases"},
	}
	for _, tt := range tests {
		if got := Plural(tt.n, tt.one, tt.many); got != tt.want {
			t.Errorf("Plural(%d, %q, %q) = %q, want %q", tt.n, tt.one, tt.many, got, tt.want)
		}
	}
}

func TestNumber(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := Number(n); got != want {
			t.Errorf("Number(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestPagesParse checks that every page parses on top of the layout and
// defines its content.
func TestPagesParse(t *testing.T) {
	pages, err := fs.Glob(FS, "*.html")
	if err != nil {
		t.Fatal(err)
	}
	base := template.Must(template.New(Layout).Funcs(Funcs()).ParseFS(FS, Layout))
	for _, p := range pages {
		if p == Layout {
			continue
		}
		tp := template.Must(base.Clone())
		if _, err := tp.ParseFS(FS, p); err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if tp.Lookup("content") == nil {
			t.Errorf("%s does not define content", p)
		}
	}
	css, err := fs.ReadFile(FS, "static/style.css")
	if err != nil || !strings.Contains(string(css), "@media print") {
		t.Errorf("static/style.css: %v", err)
	}
}
