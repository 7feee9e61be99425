package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
)

// relatedCount is how many related cases a case page lists.
const relatedCount = 5

type casePage struct {
	page
	Case          *catalog.Case
	Body          template.HTML
	Factors       []*catalog.Factor
	Related       []*catalog.Case
	Organisations []orgLink
	Citation      string
	CiteLinks     []citeLink // the case as BibTeX, RIS and CSL-JSON downloads
	EditURL       string
	Evidence      evidenceView
}

func (s *Server) casePage(c *gin.Context, st *state) error {
	cs, ok := st.cat.Case(c.Param("slug"))
	if !ok {
		return errNotFound("There is no case study at this address.")
	}
	var factors []*catalog.Factor
	for _, slug := range cs.Factors {
		if f, ok := st.cat.Factor(slug); ok {
			factors = append(factors, f)
		}
	}
	p := s.newPage(c, st, cs.Title, "cases")
	p.Description = cs.Summary
	p.Crumbs = []crumb{{"/", "Home"}, {"/cases", "Case studies"}}
	now := time.Now()
	return s.render(c, 200, "case", casePage{
		page:          p,
		Case:          cs,
		Body:          demoteH1(cs.BodyHTML),
		Factors:       factors,
		Related:       st.ix.Related(cs.Slug, relatedCount),
		Organisations: st.caseOrganisations(cs),
		Citation:      citation(cs, s.absURL(c, cs.URL()), st.version, now),
		CiteLinks:     citeLinks("/api/v1/cases/"+cs.Slug, ""),
		EditURL:       s.editLink(cs.Path),
		Evidence:      newEvidenceView(cs, now),
	})
}

// demoteH1 turns level-one headings in a rendered body into level two, so a
// page keeps its title as its only <h1>. The body is HTML rendered by the
// catalogue with raw HTML dropped, so "<h1" can only be a heading tag.
func demoteH1(body template.HTML) template.HTML {
	s := string(body)
	if !strings.Contains(s, "<h1") {
		return body
	}
	s = strings.ReplaceAll(s, "<h1", "<h2")
	s = strings.ReplaceAll(s, "</h1>", "</h2>")
	return template.HTML(s)
}

// citation is a plain reference to a case, such as:
// Casebook. “NYC311.” Case study: New York City, United States, 2003. Content version 3f2a9c1. https://…/cases/nyc-311 (accessed May 3, 2026).
// The version is left out when it is unknown.
func citation(cs *catalog.Case, link, version string, now time.Time) string {
	title := strings.TrimRight(cs.Title, ".")
	if version != "" {
		version = " Content version " + version + "."
	}
	return fmt.Sprintf("Casebook. “%s.” Case study: %s, %d.%s %s (accessed %s).",
		title, cs.Place(), cs.Year, version, link, longDate(now))
}

// editLink fills the --edit-url template with a content file's path, or
// returns "" when no template is set.
func (s *Server) editLink(contentPath string) string {
	if s.editURL == "" {
		return ""
	}
	segs := strings.Split(contentPath, "/")
	for i, seg := range segs {
		segs[i] = url.PathEscape(seg)
	}
	return strings.ReplaceAll(s.editURL, "{path}", strings.Join(segs, "/"))
}
