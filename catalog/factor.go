package catalog

import "html/template"

// Factor is a success factor: a condition that helps public-sector
// innovation succeed, shown by cases.
type Factor struct {
	Slug     string
	Path     string
	Title    string
	Summary  string
	Aliases  []string
	Body     string
	BodyHTML template.HTML
	Text     string

	links []siteLink // body links to case and factor pages
}

// URL is the factor's path on the web catalogue.
func (f *Factor) URL() string { return "/factors/" + f.Slug }

var factorKeys = []string{"title", "summary", "aliases"}

// ParseFactor parses one factor file; path gives the slug.
func ParseFactor(path string, data []byte) (*Factor, Problems) {
	slug, doc, f, pl := openDocument(path, data, factorKeys)
	if f == nil {
		if doc != nil {
			lintBody(doc.body, doc.bodyLine, false, pl)
		}
		return nil, pl.list
	}
	fa := &Factor{
		Slug:    slug,
		Path:    path,
		Title:   f.str("title", true, 200),
		Summary: f.str("summary", true, 400),
		Aliases: values(f.list("aliases", false)),
	}
	r, err := RenderMarkdown(doc.body)
	if err != nil {
		pl.errorf(doc.bodyLine, "body could not be rendered: %v", err)
	}
	fa.Body, fa.BodyHTML, fa.Text = string(doc.body), r.HTML, r.Text
	fa.links, _ = lintBody(doc.body, doc.bodyLine, false, pl)
	if pl.hasErrors() {
		return nil, pl.list
	}
	return fa, pl.list
}
