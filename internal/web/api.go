package web

import (
	"bytes"
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
)

// apiSearch answers a search as JSON, or with format=csv every matching
// case (not paged) as a CSV download.
func (s *Server) apiSearch(c *gin.Context, st *state) error {
	params, err := parseSearchParams(c.Request.URL.RawQuery)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), searchTimeout)
	defer cancel()
	if params.Format == formatCSV {
		q := params.Query
		q.Page, q.PerPage = 0, 0
		cases, err := st.ix.Matches(ctx, q)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, cases); err != nil {
			return err
		}
		c.Header("Content-Disposition", `attachment; filename="casebook-cases.csv"`)
		c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
		return nil
	}
	resp, err := s.search(ctx, st, params.Query)
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, resp)
	return nil
}

// apiCaseJSON is a case in full: the fields of a search result plus its
// organisations, sources, rendered body and headings.
type apiCaseJSON struct {
	catalog.Record
	Organisations []string         `json:"organisations"`
	Sources       []catalog.Source `json:"sources"`
	BodyHTML      string           `json:"body_html"`
	Headings      []apiHeading     `json:"headings"`
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
	out := apiCaseJSON{
		Record:        cs.Record(),
		Organisations: nonNil(cs.Organisations),
		Sources:       nonNil(cs.Sources),
		BodyHTML:      string(cs.BodyHTML),
		Headings:      []apiHeading{},
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

func (st *state) factorJSON(f *catalog.Factor) apiFactorJSON {
	return apiFactorJSON{Slug: f.Slug, Title: f.Title, Summary: f.Summary, Aliases: nonNil(f.Aliases),
		URL: f.URL(), Count: len(st.byFactor[f.Slug])}
}

func (s *Server) apiFactors(c *gin.Context, st *state) error {
	out := struct {
		Factors []apiFactorJSON `json:"factors"`
	}{Factors: []apiFactorJSON{}}
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
	out := struct {
		apiFactorJSON
		BodyHTML string   `json:"body_html"`
		Cases    []string `json:"cases"`
	}{apiFactorJSON: st.factorJSON(f), BodyHTML: string(f.BodyHTML), Cases: []string{}}
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
	out := struct {
		Problems []apiProblem `json:"problems"`
	}{Problems: []apiProblem{}}
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
