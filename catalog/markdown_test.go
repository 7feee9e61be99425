package catalog

import (
	"strings"
	"testing"
)

func TestRenderMarkdownSafety(t *testing.T) {
	tests := []struct {
		name, in  string
		mustNot   []string
		mustHave  []string
		textHas   string
		textHasNo string
	}{
		{name: "script tag", in: "Hi <script>alert(1)</script> there", mustNot: []string{"<script"}, textHasNo: "<script"},
		{name: "html block", in: "<div onclick=\"x()\">hi</div>\n", mustNot: []string{"onclick", "<div"}},
		{name: "iframe", in: "<iframe src=\"https://evil.example\"></iframe>\n", mustNot: []string{"<iframe"}},
		{name: "javascript link", in: "[click](javascript:alert(1))", mustNot: []string{"javascript:"}, mustHave: []string{"click"}},
		{name: "entity-encoded javascript link", in: "[click](&#106;avascript:alert(1))", mustNot: []string{"avascript:"}},
		{name: "data image", in: "![x](data:image/svg+xml;base64,PHN2Zz4=)", mustNot: []string{"data:"}},
		{name: "vbscript autolink", in: "<vbscript:msgbox(1)>", mustNot: []string{"href=\"vbscript"}},
		{name: "https link kept", in: "[GOV.UK](https://www.gov.uk/)", mustHave: []string{`href="https://www.gov.uk/"`}},
		{name: "relative link kept", in: "[case](/cases/x)", mustHave: []string{`href="/cases/x"`}},
		{name: "mailto kept", in: "[mail](mailto:a@b.ca)", mustHave: []string{`href="mailto:a@b.ca"`}},
		{name: "table", in: "| a | b |\n|---|---|\n| 1 | 2 |\n", mustHave: []string{"<table>", "<td>1</td>"}},
		{name: "strikethrough", in: "~~old~~", mustHave: []string{"<del>old</del>"}},
		{name: "footnote", in: "Text[^1].\n\n[^1]: Note.\n", mustHave: []string{"footnote"}},
		{name: "accented heading id", in: "## Über Medellín\n", mustHave: []string{`id="uber-medellin"`}},
		{name: "entities in text", in: "Fish &amp; chips \\*not emphasis\\*", textHas: "Fish & chips *not emphasis*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := RenderMarkdown([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			h := string(r.HTML)
			for _, s := range tt.mustNot {
				if strings.Contains(strings.ToLower(h), strings.ToLower(s)) {
					t.Errorf("HTML contains %q: %s", s, h)
				}
			}
			for _, s := range tt.mustHave {
				if !strings.Contains(h, s) {
					t.Errorf("HTML lacks %q: %s", s, h)
				}
			}
			if tt.textHas != "" && !strings.Contains(r.Text, tt.textHas) {
				t.Errorf("text %q lacks %q", r.Text, tt.textHas)
			}
			if tt.textHasNo != "" && strings.Contains(r.Text, tt.textHasNo) {
				t.Errorf("text %q has %q", r.Text, tt.textHasNo)
			}
		})
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Medellín library parks", "medellin-library-parks"},
		{"The Deputy's Den", "the-deputys-den"},
		{"  GOV.UK — Government Digital Service ", "gov-uk-government-digital-service"},
		{"Œuvre & Straße", "oeuvre-strasse"},
		{"!!!", ""},
		{strings.Repeat("word ", 30), strings.TrimSuffix(strings.Repeat("word-", 16), "-")},
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if tt.want != "" && !ValidSlug(Slugify(tt.in)) {
			t.Errorf("Slugify(%q) is not a valid slug", tt.in)
		}
	}
}
