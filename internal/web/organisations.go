package web

import (
	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
)

// indexOrganisations derives the organisations of the catalogue, once.
func (st *state) indexOrganisations() {
	st.orgs = catalog.Organisations(st.cat.Cases)
	st.orgBySlug = make(map[string]*catalog.Organisation, len(st.orgs))
	st.orgByKey = make(map[string]*catalog.Organisation, len(st.orgs))
	st.orgByName = map[string][]*catalog.Organisation{}
	for _, o := range st.orgs {
		name := catalog.Slugify(o.Name)
		st.orgByName[name] = append(st.orgByName[name], o)
		st.orgBySlug[o.Slug] = o
		st.orgByKey[catalog.OrganisationKey(o.Name, o.Country)] = o // the key its cases share
	}
}

// orgLink is an organisation named by a case, with its page if it has one.
type orgLink struct {
	Name string
	URL  string
}

// caseOrganisations are the organisations a case names, as written there,
// each with the organisation's page.
func (st *state) caseOrganisations(c *catalog.Case) []orgLink {
	out := make([]orgLink, 0, len(c.Organisations))
	for _, name := range c.Organisations {
		l := orgLink{Name: name}
		if o, ok := st.orgByKey[catalog.OrganisationKey(name, c.Country)]; ok {
			l.URL = o.URL()
		}
		out = append(out, l)
	}
	return out
}

type organisationsPage struct {
	page
	Organisations []*catalog.Organisation
	CaseCount     int
}

// organisations lists every organisation with its number of cases.
func (s *Server) organisations(c *gin.Context, st *state) error {
	p := s.newPage(c, st, "Organisations", "cases")
	p.Description = "The public bodies and other organisations behind the case studies, with their cases."
	p.Crumbs = []crumb{{"/", "Home"}, {"/cases", "Case studies"}}
	return s.render(c, 200, "organisations", organisationsPage{page: p, Organisations: st.orgs, CaseCount: len(st.cat.Cases)})
}

type organisationPage struct {
	page
	Organisation *catalog.Organisation
	Others       []*catalog.Organisation // of the same name in other countries
}

// organisationPage shows one organisation's cases.
func (s *Server) organisationPage(c *gin.Context, st *state) error {
	o, ok := st.orgBySlug[c.Param("slug")]
	if !ok {
		return errNotFound("There is no organisation at this address. See the list of organisations at /organisations.")
	}
	var others []*catalog.Organisation
	for _, x := range st.orgByName[catalog.Slugify(o.Name)] {
		if x != o {
			others = append(others, x)
		}
	}
	p := s.newPage(c, st, o.Name+" ("+o.Country+")", "cases")
	p.Description = "Case studies of " + o.Name + ", " + o.Country + "."
	p.Crumbs = []crumb{{"/", "Home"}, {"/organisations", "Organisations"}}
	return s.render(c, 200, "organisation", organisationPage{page: p, Organisation: o, Others: others})
}
