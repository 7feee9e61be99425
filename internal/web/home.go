package web

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
)

// Lengths of the browse lists on the home page.
const (
	homeRecent  = 6
	homeSectors = 16
	homeCounts  = 24
)

type homePage struct {
	page
	CaseCount int
	Factors   []factorCount
	Sectors   []countedValue
	Countries []countedValue
	Recent    []*catalog.Case
	Charts    homeCharts
}

// factorCount is a factor with the number of cases that show it.
type factorCount struct {
	*catalog.Factor
	Count int
}

func (s *Server) home(c *gin.Context, st *state) error {
	p := s.newPage(c, st, "Public-sector innovation case studies", "")
	p.Description = "Documented cases of public-sector innovation and the success factors that helped them work."
	return s.render(c, 200, "home", homePage{
		page:      p,
		CaseCount: len(st.cat.Cases),
		Factors:   st.factorList(),
		Sectors:   st.sectors[:min(len(st.sectors), homeSectors)],
		Countries: st.countries[:min(len(st.countries), homeCounts)],
		Recent:    st.recent[:min(len(st.recent), homeRecent)],
		Charts:    st.home,
	})
}

// factorList is every factor, in title order, with its number of cases.
func (st *state) factorList() []factorCount {
	out := make([]factorCount, len(st.cat.Factors))
	for i, f := range st.cat.Factors {
		out[i] = factorCount{f, len(st.byFactor[f.Slug])}
	}
	return out
}

type aboutPage struct {
	page
	CaseCount    int
	CountryCount int
	GuideURL     string
	Evidence     []evidenceLevel
	StubWords    int
}

func (s *Server) about(c *gin.Context, st *state) error {
	p := s.newPage(c, st, "About Casebook", "about")
	p.Description = "What Casebook is, how to use it, how to contribute a case study and how to use its data."
	return s.render(c, 200, "about", aboutPage{
		page:         p,
		CaseCount:    len(st.cat.Cases),
		CountryCount: len(st.countries),
		GuideURL:     "/about/editor-guide",
		Evidence:     evidenceLevels,
		StubWords:    catalog.StubWords,
	})
}

type guidePage struct {
	page
	Body     template.HTML
	Headings []catalog.Heading
}

// guide shows the editor guide, content/README.md.
func (s *Server) guide(c *gin.Context, st *state) error {
	p := s.newPage(c, st, "Editor guide", "about")
	p.Description = "How to write, check and preview a case study for Casebook."
	return s.render(c, 200, "guide", guidePage{page: p, Body: s.guideDoc.HTML, Headings: s.guideDoc.Headings})
}

// renderGuide renders the editor guide without its own first-level
// heading, which the page supplies.
func renderGuide(md []byte) (catalog.Rendered, error) {
	if rest, ok := bytes.CutPrefix(md, []byte("# ")); ok {
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			md = rest[i+1:]
		}
	}
	r, err := catalog.RenderMarkdown(md)
	if err != nil {
		return r, fmt.Errorf("editor guide: %w", err)
	}
	r.HTML = demoteH1(r.HTML)
	return r, nil
}
