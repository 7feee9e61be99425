package web

import (
	"html/template"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
)

type factorsPage struct {
	page
	Factors []factorCount
}

func (s *Server) factors(c *gin.Context, st *state) error {
	p := s.newPage(c, st, "Success factors", "factors")
	p.Description = "The conditions that helped public-sector innovations succeed, each with the cases that show it."
	return s.render(c, 200, "factors", factorsPage{page: p, Factors: st.factorList()})
}

// factorPageCases is how many of a factor's cases its page lists, newest
// first; the rest are a search away.
const factorPageCases = 50

type factorPage struct {
	page
	Factor   *catalog.Factor
	Body     template.HTML
	Cases    []*catalog.Case // the newest, at most factorPageCases
	Total    int             // all cases that show the factor
	Together []factorPair
}

func (s *Server) factorPage(c *gin.Context, st *state) error {
	f, ok := st.cat.Factor(c.Param("slug"))
	if !ok {
		return errNotFound("There is no success factor at this address.")
	}
	cases := st.byFactor[f.Slug]
	p := s.newPage(c, st, f.Title, "factors")
	p.Description = f.Summary
	p.Crumbs = []crumb{{"/", "Home"}, {"/factors", "Success factors"}}
	return s.render(c, 200, "factor", factorPage{
		page:     p,
		Factor:   f,
		Body:     demoteH1(f.BodyHTML),
		Cases:    cases[:min(len(cases), factorPageCases)],
		Total:    len(cases),
		Together: st.together[f.Slug],
	})
}
