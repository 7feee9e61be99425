package web

import (
	"bytes"
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/cite"
	"github.com/casebook/casebook/search"
)

// apiSearch answers a search as JSON, with the content version and licence;
// with format=csv or a citation format, every matching case (not paged) as
// a download.
func (s *Server) apiSearch(c *gin.Context, st *state) error {
	params, err := parseSearchParams(c.Request.URL.RawQuery)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), searchTimeout)
	defer cancel()
	if params.Format != formatJSON {
		q := params.Query
		q.Page, q.PerPage = 0, 0
		cases, err := st.ix.Matches(ctx, q)
		if err != nil {
			return err
		}
		name := downloadName(q, time.Now().UTC())
		if f, ok := cite.Lookup(params.Format); ok {
			return s.writeCitations(c, st, f, cases, name)
		}
		var buf bytes.Buffer
		if err := s.writeDownloadCSV(&buf, c, st, cases); err != nil {
			return err
		}
		attachment(c, name+".csv")
		send(c, http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
		return nil
	}
	resp, err := s.search(ctx, st, params.Query)
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, apiSearchJSON{Response: resp, Version: st.version, Licence: s.licenceJSON()})
	return nil
}

// apiSearchJSON is a page of search results with the content version and
// the licence of the content.
type apiSearchJSON struct {
	*search.Response
	Version string         `json:"version"`
	Licence apiLicenceJSON `json:"licence"`
}

// apiLicenceJSON is the licence of the content.
type apiLicenceJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

func (s *Server) licenceJSON() apiLicenceJSON {
	return apiLicenceJSON{ID: s.licence.ID, Title: s.licence.Title, URL: s.licence.URL}
}

// apiCaseJSON is a case in full: the fields of a search result plus its
// organisations, sources, rendered body and headings, and its evidence:
// level (0 where unset), completeness, review and added dates ("" where
// unset) and outcomes.
type apiCaseJSON struct {
	catalog.Record
	Organisations []string         `json:"organisations"`
	Sources       []catalog.Source `json:"sources"`
	BodyHTML      string           `json:"body_html"`
	Headings      []apiHeading     `json:"headings"`
	Evidence      int              `json:"evidence"`
	Completeness  string           `json:"completeness"`
	Reviewed      string           `json:"reviewed"`
	Added         string           `json:"added"`
	Outcomes      []apiOutcome     `json:"outcomes"`
}

// apiOutcome is one result of a case with its source; year is 0 where unset.
type apiOutcome struct {
	Text        string         `json:"text"`
	Year        int            `json:"year"`
	Independent bool           `json:"independent"`
	Source      catalog.Source `json:"source"`
}

type apiHeading struct {
	Level int    `json:"level"`
	ID    string `json:"id"`
	Text  string `json:"text"`
}

func (s *Server) apiCase(c *gin.Context, st *state) error {
	cs, ok := st.cat.Case(c.Param("slug"))
	if !ok {
		return errNotFound("no case has this slug")
	}
	format, err := caseFormat(c)
	if err != nil {
		return err
	}
	if f, ok := cite.Lookup(format); ok {
		return s.writeCitations(c, st, f, []*catalog.Case{cs}, cs.Slug)
	}
	out := apiCaseJSON{
		Record:        cs.Record(),
		Organisations: nonNil(cs.Organisations),
		Sources:       nonNil(cs.Sources),
		BodyHTML:      string(cs.BodyHTML),
		Headings:      []apiHeading{},
		Evidence:      cs.Evidence,
		Completeness:  cs.Completeness,
		Reviewed:      cs.Reviewed,
		Added:         cs.Added,
		Outcomes:      []apiOutcome{},
	}
	for _, o := range cs.Outcomes {
		out.Outcomes = append(out.Outcomes, apiOutcome{Text: o.Text, Year: o.Year, Independent: o.Independent, Source: o.Source})
	}
	for _, h := range cs.Headings {
		out.Headings = append(out.Headings, apiHeading{Level: h.Level, ID: h.ID, Text: h.Text})
	}
	writeJSON(c, http.StatusOK, out)
	return nil
}

// apiFactorJSON is a factor with the number of cases that show it.
type apiFactorJSON struct {
	Slug    string   `json:"slug"`
	Title   string   `json:"title"`
	Summary string   `json:"summary"`
	Aliases []string `json:"aliases"`
	URL     string   `json:"url"`
	Count   int      `json:"count"`
}

// apiFactorsJSON is the list of factors.
type apiFactorsJSON struct {
	Factors []apiFactorJSON `json:"factors"`
}

// apiFactorPageJSON is one factor in full with the slugs of its cases.
type apiFactorPageJSON struct {
	apiFactorJSON
	BodyHTML string   `json:"body_html"`
	Cases    []string `json:"cases"`
}

// apiProblemsJSON lists the content problems.
type apiProblemsJSON struct {
	Problems []apiProblem `json:"problems"`
}

func (st *state) factorJSON(f *catalog.Factor) apiFactorJSON {
	return apiFactorJSON{Slug: f.Slug, Title: f.Title, Summary: f.Summary, Aliases: nonNil(f.Aliases),
		URL: f.URL(), Count: len(st.byFactor[f.Slug])}
}

func (s *Server) apiFactors(c *gin.Context, st *state) error {
	out := apiFactorsJSON{Factors: []apiFactorJSON{}}
	for _, f := range st.cat.Factors {
		out.Factors = append(out.Factors, st.factorJSON(f))
	}
	writeJSON(c, http.StatusOK, out)
	return nil
}

func (s *Server) apiFactor(c *gin.Context, st *state) error {
	f, ok := st.cat.Factor(c.Param("slug"))
	if !ok {
		return errNotFound("no factor has this slug")
	}
	out := apiFactorPageJSON{apiFactorJSON: st.factorJSON(f), BodyHTML: string(f.BodyHTML), Cases: []string{}}
	for _, cs := range st.cat.CasesWithFactor(f.Slug) {
		out.Cases = append(out.Cases, cs.Slug)
	}
	writeJSON(c, http.StatusOK, out)
	return nil
}

type apiProblem struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Text     string `json:"text"`
}

// apiProblems lists the content problems found when the catalogue was loaded.
func (s *Server) apiProblems(c *gin.Context, st *state) error {
	out := apiProblemsJSON{Problems: []apiProblem{}}
	for _, p := range st.problems {
		out.Problems = append(out.Problems, apiProblem{File: p.File, Line: p.Line, Severity: p.Severity.String(), Message: p.Message, Text: p.String()})
	}
	writeJSON(c, http.StatusOK, out)
	return nil
}

// nonNil returns s, or an empty slice for nil, so that it encodes as [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
