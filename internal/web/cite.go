package web

import (
	"bytes"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/cite"
	"github.com/casebook/casebook/search"
)

// citeLink is a link to download citations in one format.
type citeLink struct{ Label, URL string }

// citeLabels are the names pages give the citation formats.
var citeLabels = map[string]string{"bibtex": "BibTeX", "ris": "RIS", "csljson": "CSL-JSON"}

// citeLinks links path with query (without a format) in each citation format.
func citeLinks(path, query string) []citeLink {
	var out []citeLink
	for _, f := range cite.Formats {
		q := "format=" + f.Name
		if query != "" {
			q = query + "&" + q
		}
		out = append(out, citeLink{Label: citeLabels[f.Name], URL: withQuery(path, q)})
	}
	return out
}

// works are cases as cited works: title, absolute URL, year, organisations
// as corporate authors, tags as keywords, the content version and today as
// the date accessed.
func (s *Server) works(c *gin.Context, st *state, cases []*catalog.Case, now time.Time) []cite.Work {
	out := make([]cite.Work, len(cases))
	for i, cs := range cases {
		out[i] = cite.Work{Key: cs.Slug, Title: cs.Title, URL: s.absURL(c, cs.URL()), Summary: cs.Summary, Year: cs.Year,
			Organisations: cs.Organisations, Keywords: cs.Tags, Version: st.version, Accessed: now}
	}
	return out
}

// writeCitations answers cases as a download in format f, named
// name plus the format's extension.
func (s *Server) writeCitations(c *gin.Context, st *state, f cite.Format, cases []*catalog.Case, name string) error {
	var buf bytes.Buffer
	if err := f.Write(&buf, s.works(c, st, cases, time.Now().UTC())); err != nil {
		return err
	}
	attachment(c, name+f.Extension)
	send(c, http.StatusOK, f.MediaType, buf.Bytes())
	return nil
}

// attachment makes the response a download named name.
func attachment(c *gin.Context, name string) {
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
}

// caseFormat reads the format parameter of /api/v1/cases/{slug}: "" for
// JSON, else a citation format.
func caseFormat(c *gin.Context) (string, error) {
	format, err := search.Single(c.Request.URL.Query(), "format")
	if err != nil {
		return "", err
	}
	switch format = strings.ToLower(strings.TrimSpace(format)); format {
	case "", formatJSON:
		return "", nil
	}
	if _, ok := cite.Lookup(format); ok {
		return format, nil
	}
	return "", &search.QueryError{Param: "format", Message: "format must be json, bibtex, ris or csljson"}
}
