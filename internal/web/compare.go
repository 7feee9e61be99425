package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
)

// Bounds of a comparison.
const (
	compareMin = 2
	compareMax = 4
)

// comparePage is /compare: two to four cases in columns.
type comparePage struct {
	page
	Cases    []compareCase
	Factors  []compareFactor
	CasesURL string
}

// compareCase is one column.
type compareCase struct {
	*catalog.Case
	Evidence string
}

// compareFactor is a factor's row: whether each case shows it.
type compareFactor struct {
	*catalog.Factor
	Has []bool
}

// badCompare is the 400 answer to a comparison of too few or too many cases.
func badCompare(msg string) error {
	return &httpError{status: http.StatusBadRequest, code: "bad_request", msg: msg,
		retry: &retryLink{URL: "/cases", Label: "Choose cases to compare"}}
}

func (s *Server) compare(c *gin.Context, st *state) error {
	vals, err := url.ParseQuery(c.Request.URL.RawQuery)
	if err != nil {
		return badCompare("The address of this comparison is not valid. Choose the cases to compare again.")
	}
	var slugs []string
	for _, v := range vals["case"] {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(slugs, v) {
			slugs = append(slugs, v)
		}
	}
	if len(slugs) < compareMin || len(slugs) > compareMax {
		return badCompare("Choose from " + strconv.Itoa(compareMin) + " to " + strconv.Itoa(compareMax) +
			" different cases to compare; this address names " + strconv.Itoa(len(slugs)) + ".")
	}
	v := comparePage{CasesURL: "/cases"}
	var titles []string
	for _, slug := range slugs {
		cs, ok := st.cat.Case(slug)
		if !ok {
			return errNotFound("There is no case study “" + truncate(slug, 80) + "” to compare.")
		}
		v.Cases = append(v.Cases, compareCase{Case: cs, Evidence: evidenceText(cs.Evidence)})
		titles = append(titles, cs.Title)
	}
	for _, f := range st.cat.Factors {
		row := compareFactor{Factor: f}
		any := false
		for _, cs := range v.Cases {
			has := slices.Contains(cs.Factors, f.Slug)
			row.Has = append(row.Has, has)
			any = any || has
		}
		if any {
			v.Factors = append(v.Factors, row)
		}
	}
	v.page = s.newPage(c, st, "Compare "+strconv.Itoa(len(v.Cases))+" cases", "cases")
	v.Description = "Side by side: " + strings.Join(titles, "; ") + "."
	v.Crumbs = []crumb{{"/", "Home"}, {"/cases", "Case studies"}}
	v.NoIndex = true
	return s.render(c, 200, "compare", v)
}

// evidenceText names an evidence level (1 to 5) for people.
func evidenceText(level int) string {
	if level == 0 {
		return "Not assessed"
	}
	return "Level " + strconv.Itoa(level) + " of 5"
}
