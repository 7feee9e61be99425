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

// TestStylesheetBalanced catches a rule left open (by a bad merge, say),
// which silently drops every rule after it: each block comment is closed
// and every { has its }, never going below zero.
func TestStylesheetBalanced(t *testing.T) {
	css, err := FS.ReadFile("static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	s := string(css)
	var plain strings.Builder
	for {
		i := strings.Index(s, "/*")
		if i < 0 {
			plain.WriteString(s)
			break
		}
		plain.WriteString(s[:i])
		j := strings.Index(s[i+2:], "*/")
		if j < 0 {
			t.Fatal("a comment is never closed")
		}
		s = s[i+2+j+2:]
	}
	depth := 0
	for n, line := range strings.Split(plain.String(), "\n") {
		depth += strings.Count(line, "{") - strings.Count(line, "}")
		if depth < 0 {
			t.Fatalf("line %d (comments removed) closes a block that is not open", n+1)
		}
	}
	if depth != 0 {
		t.Errorf("%d block(s) left open at the end of style.css", depth)
	}
}
