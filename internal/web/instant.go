package web

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/internal/text"
	"github.com/casebook/casebook/search"
)

// Fragments of /cases that the search script (static/search.js) fetches to
// update a page in place: /cases?...&fragment=results is the finder body
// of the /cases page (filters, count and results), and
// /cases?...&fragment=preview the short list under the home page's search
// box. Any other value of the parameter gives the whole page.
const (
	fragmentParam   = "fragment"
	fragmentResults = "results"
	fragmentPreview = "preview"
)

// fragmentTemplates maps a fragment name to its template in cases.html.
var fragmentTemplates = map[string]string{
	fragmentResults: "finder-body",
	fragmentPreview: "preview",
}

// fragmentOf returns the template of the fragment the request asks for,
// or "" for the whole page.
func fragmentOf(c *gin.Context) string {
	return fragmentTemplates[c.Query(fragmentParam)]
}

// renderFragment executes one template of the cases page, without the
// layout, into a buffer and writes it. Fragments are never indexed.
func (s *Server) renderFragment(c *gin.Context, tmpl string, data any) error {
	t, ok := s.pages["cases"]
	if !ok {
		return fmt.Errorf("no page template %q", "cases")
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, tmpl, data); err != nil {
		return fmt.Errorf("rendering fragment %s: %w", tmpl, err)
	}
	c.Header("X-Robots-Tag", "noindex")
	send(c, 200, "text/html; charset=utf-8", buf.Bytes())
	return nil
}

// sortOptions are the choices of the "Sort by" menu. Without search words
// there is nothing to match, so "Best match" is not offered and the
// default order (newest first) takes the empty value, which keeps a
// submitted form on the default.
func sortOptions(q search.Query) []sortOption {
	var out []sortOption
	for _, o := range sortLabels {
		switch {
		case strings.TrimSpace(q.Text) == "" && o.Value == "":
			continue
		case strings.TrimSpace(q.Text) == "" && o.Value == search.SortNewest:
			o.Value = ""
			o.Selected = q.Sort == "" || q.Sort == search.SortNewest || q.Sort == search.SortRelevance
		default:
			o.Selected = o.Value == q.Sort || o.Value == "" && q.Sort == search.SortRelevance
		}
		out = append(out, o)
	}
	return out
}

// reversedYears explains a year range whose start is after its end, which
// can find nothing, with a link to the same search with the years swapped.
type reversedYears struct {
	From, To int
	SwapURL  string
}

// reversedRange returns the explanation for q's year range, or nil if the
// range is not reversed.
func reversedRange(q search.Query) *reversedYears {
	if q.YearFrom == 0 || q.YearTo == 0 || q.YearFrom <= q.YearTo {
		return nil
	}
	sq := q.Clone()
	sq.YearFrom, sq.YearTo, sq.Page = q.YearTo, q.YearFrom, 0
	return &reversedYears{From: q.YearFrom, To: q.YearTo, SwapURL: withQuery("/cases", encodeQuery(sq, ""))}
}

// webParamLabels names the parameters the web pages read besides those of
// a search (search.Params).
var webParamLabels = map[string]string{"format": "Format"}

// paramLabel is the name people see for a URL parameter: the label of the
// filter table (search.Params), or of the web's own parameters.
func paramLabel(param string) (string, bool) {
	for _, p := range search.Params() {
		if p.Name == param {
			return p.Label, true
		}
	}
	label, ok := webParamLabels[param]
	return label, ok
}

// messageInWords rewrites a search error for an HTML page: a message that
// starts with a parameter's code name ("year_from must be a year") names
// it in words instead ("“Year from” must be a year"). The API keeps the
// code names, which are what its callers write.
func messageInWords(qe *search.QueryError) string {
	label, ok := paramLabel(qe.Param)
	rest, found := strings.CutPrefix(qe.Message, qe.Param+" ")
	if ok && qe.Param != "" && found && rest != "" && unicode.IsLetter([]rune(rest)[0]) {
		return "“" + label + "” " + rest
	}
	return text.UpperFirst(qe.Message)
}

// findThreshold is how many values a filter must have for the search
// script to give it a box that narrows its list.
const findThreshold = 8

// kindHint says how the ticked values of a filter combine.
func kindHint(k search.Kind) string {
	switch k {
	case search.AllOf:
		return "Cases must have all ticked"
	case search.AnyOf:
		return "Cases must have any one ticked"
	}
	return ""
}

// findLabel is the label of the box that narrows a filter's list, e.g.
// "Find a tag".
func findLabel(label string) string {
	l := strings.ToLower(label)
	article := "a "
	if l != "" && strings.ContainsRune("aeiou", rune(l[0])) {
		article = "an "
	}
	return "Find " + article + l
}

// optionID is the id of a filter's checkbox: the same for the same value
// whatever its place in the list, so that the focus and links survive an
// update of the list in place.
func optionID(param, value string) string {
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(value)))
	return fmt.Sprintf("f-%s-%08x", param, h.Sum32())
}
