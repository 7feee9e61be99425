package web

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/text"
)

// Limits of the contribute form.
const (
	maxContributeBody  = 256 << 10 // bytes of a form submission; more gets 413
	maxSourceRows      = 10
	maxOutcomeRows     = 5
	maxContributeURLen = 8000 // longest --contribute-url link offered; browsers and hosts refuse longer
)

// sectionFields are the form fields of the body's sections, in the order of
// catalog.RecommendedSections.
var sectionFields = []string{"challenge", "what_they_did", "results", "lessons"}

type sourceRow struct{ Title, URL string }

type outcomeRow struct{ Text, Source, Year string }

// contributeForm is the form's values as submitted, and its problems by field id.
type contributeForm struct {
	Title, Summary, Country, Jurisdiction, Level, Year, Status, Evidence string
	Organisations, Sectors, Tags                                         string // one value per line
	Factors                                                              map[string]bool
	Sources                                                              []sourceRow
	Outcomes                                                             []outcomeRow
	Sections                                                             map[string]string
	Errors                                                               map[string]string
	order                                                                []string // field ids of Errors, in the form's order
}

type formError struct{ ID, Message string }

type contributePage struct {
	page
	Form           *contributeForm
	Factors        []*catalog.Factor
	Levels         []string
	Statuses       []string
	EvidenceLevels []string
	Sections       []sectionField
	ErrorList      []formError
	Markdown       string // the case file, once valid
	Slug           string
	ContribURL     string // the --contribute-url link filled in, or ""
	URLTooLong     bool   // the file is too long to pass in that link
	ContribHost    string
}

type sectionField struct{ ID, Label string }

// contribute shows the empty form.
func (s *Server) contribute(c *gin.Context, st *state) error {
	f := &contributeForm{Factors: map[string]bool{}, Sections: map[string]string{}, Errors: map[string]string{}}
	return s.renderContribute(c, st, http.StatusOK, f, "", "")
}

// contributePost checks a submitted form: 200 with the case file when it is
// valid (or the file itself with ?download=1), 422 with the problems when not.
func (s *Server) contributePost(c *gin.Context, st *state) error {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxContributeBody)
	if err := c.Request.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &httpError{status: http.StatusRequestEntityTooLarge, code: "too_large",
				msg: fmt.Sprintf("The form is larger than %d KB. Shorten the longest sections and try again.", maxContributeBody>>10), err: err}
		}
		return &httpError{status: http.StatusBadRequest, code: "bad_request", msg: "The form could not be read. Please fill it in again.", err: err}
	}
	f := readContributeForm(c.Request.PostForm)
	cs, slug := f.check(st)
	if len(f.Errors) > 0 {
		return s.renderContribute(c, st, http.StatusUnprocessableEntity, f, "", "")
	}
	md := string(catalog.CaseFile(cs))
	if c.Query("download") == "1" {
		c.Header("Content-Disposition", `attachment; filename="`+slug+`.md"`)
		send(c, http.StatusOK, "text/markdown; charset=utf-8", []byte(md))
		return nil
	}
	return s.renderContribute(c, st, http.StatusOK, f, md, slug)
}

func (s *Server) renderContribute(c *gin.Context, st *state, status int, f *contributeForm, md, slug string) error {
	p := s.newPage(c, st, "Contribute a case", "about")
	p.Description = "Write up a case of public-sector innovation and get it as a file ready to add to the catalogue."
	p.NoIndex = status != http.StatusOK
	if len(f.Errors) > 0 {
		p.Title = "Error: " + p.Title
	}
	for len(f.Sources) < maxSourceRows {
		f.Sources = append(f.Sources, sourceRow{})
	}
	for len(f.Outcomes) < maxOutcomeRows {
		f.Outcomes = append(f.Outcomes, outcomeRow{})
	}
	cp := contributePage{page: p, Form: f, Factors: st.cat.Factors, Levels: catalog.Levels, Statuses: catalog.Statuses, EvidenceLevels: []string{"1", "2", "3", "4", "5"}, Markdown: md, Slug: slug}
	for i, id := range sectionFields {
		cp.Sections = append(cp.Sections, sectionField{ID: id, Label: catalog.RecommendedSections[i]})
	}
	for _, id := range f.order {
		cp.ErrorList = append(cp.ErrorList, formError{ID: id, Message: f.Errors[id]})
	}
	if md != "" && s.contributeURL != "" {
		link := strings.NewReplacer("{slug}", url.QueryEscape(slug), "{content}", url.QueryEscape(md)).Replace(s.contributeURL)
		if len(link) > maxContributeURLen {
			cp.URLTooLong = true
		} else {
			cp.ContribURL = link
		}
		if u, err := url.Parse(s.contributeURL); err == nil {
			cp.ContribHost = u.Host
		}
	}
	return s.render(c, status, "contribute", cp)
}

// CheckContributeURL accepts an http(s) URL template that contains {content}
// (and may contain {slug}), as --contribute-url takes.
func CheckContributeURL(t string) error {
	u, err := url.Parse(strings.NewReplacer("{slug}", "x", "{content}", "x").Replace(t))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) URL", t)
	}
	if !strings.Contains(t, "{content}") {
		return fmt.Errorf("%q has no {content}, where the case file goes", t)
	}
	return nil
}

func readContributeForm(v url.Values) *contributeForm {
	one := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	f := &contributeForm{
		Title: one("title"), Summary: one("summary"), Country: one("country"), Jurisdiction: one("jurisdiction"),
		Level: one("level"), Year: one("year"), Status: one("status"), Evidence: one("evidence"),
		Organisations: v.Get("organisations"), Sectors: v.Get("sectors"), Tags: v.Get("tags"),
		Factors: map[string]bool{}, Sections: map[string]string{}, Errors: map[string]string{},
	}
	for _, slug := range v["factors"] {
		f.Factors[slug] = true
	}
	titles, urls := v["source_title"], v["source_url"]
	for i := 0; i < max(len(titles), len(urls)) && i < maxSourceRows; i++ {
		f.Sources = append(f.Sources, sourceRow{Title: strings.TrimSpace(at(titles, i)), URL: strings.TrimSpace(at(urls, i))})
	}
	texts, srcs, years := v["outcome_text"], v["outcome_source"], v["outcome_year"]
	for i := 0; i < max(len(texts), len(srcs), len(years)) && i < maxOutcomeRows; i++ {
		f.Outcomes = append(f.Outcomes, outcomeRow{Text: strings.TrimSpace(at(texts, i)), Source: strings.TrimSpace(at(srcs, i)), Year: strings.TrimSpace(at(years, i))})
	}
	for _, id := range sectionFields {
		f.Sections[id] = strings.TrimSpace(strings.ReplaceAll(v.Get(id), "\r\n", "\n"))
	}
	return f
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

// fail records the first problem of a field.
func (f *contributeForm) fail(id, format string, args ...any) {
	if _, dup := f.Errors[id]; dup {
		return
	}
	f.Errors[id] = fmt.Sprintf(format, args...)
	f.order = append(f.order, id)
}

// check builds the case the form describes and checks it as validate
// would; problems go to f.Errors by field id.
func (f *contributeForm) check(st *state) (*catalog.Case, string) {
	f.checkText()
	if len(f.Errors) > 0 {
		return nil, "" // text that is not UTF-8 is reported alone
	}
	cs := &catalog.Case{Title: f.Title, Summary: f.Summary, Country: f.Country, Jurisdiction: f.Jurisdiction,
		Level: f.Level, Status: f.Status, Organisations: lines(f.Organisations), Sectors: lines(f.Sectors), Tags: lines(f.Tags),
		Added: time.Now().Format(catalog.DateLayout)}
	cs.Year = f.number("year", f.Year, "the year it started, like 2015")
	cs.Evidence = f.number("evidence", f.Evidence, "a level from 1 to 5")
	for _, fc := range st.cat.Factors {
		if f.Factors[fc.Slug] {
			cs.Factors = append(cs.Factors, fc.Slug)
		}
	}
	if len(cs.Factors) < len(f.Factors) {
		f.fail("factors", "Choose success factors from the list.")
	}
	sourceRows := map[int]int{} // index in cs.Sources -> form row
	for i, r := range f.Sources {
		if r.Title == "" && r.URL == "" {
			continue
		}
		if r.Title == "" {
			f.fail(fmt.Sprintf("source_title-%d", i), "Give the title of source %d.", i+1)
		}
		sourceRows[len(cs.Sources)] = i
		cs.Sources = append(cs.Sources, catalog.Source{Title: r.Title, URL: r.URL})
	}
	outcomeRows := map[int]int{}
	for i, r := range f.Outcomes {
		if r.Text == "" && r.Source == "" && r.Year == "" {
			continue
		}
		o := catalog.Outcome{Text: r.Text, Source: catalog.Source{URL: r.Source}}
		for _, s := range cs.Sources {
			if r.Source != "" && (s.URL == r.Source || s.URL == "" && s.Title == r.Source) {
				o.Source = s
			}
		}
		o.Year = f.number(fmt.Sprintf("outcome_year-%d", i), r.Year, "the year the result refers to, like 2018")
		outcomeRows[len(cs.Outcomes)] = i
		cs.Outcomes = append(cs.Outcomes, o)
	}
	var body strings.Builder
	for i, id := range sectionFields {
		if t := f.Sections[id]; t != "" {
			fmt.Fprintf(&body, "## %s\n\n%s\n\n", catalog.RecommendedSections[i], t)
		}
	}
	cs.Body = strings.TrimSuffix(body.String(), "\n")
	cs.Slug = catalog.Slugify(f.Title)
	if f.Title != "" && !catalog.ValidSlug(cs.Slug) {
		f.fail("title", "The title needs at least one letter or digit.")
	} else if _, exists := st.cat.Case(cs.Slug); exists {
		f.fail("title", "The catalogue already has a case with this title's file name (/cases/%s). Choose another title, or suggest changes to that case.", cs.Slug)
	}
	// The file is checked even when the form has problems already, so that
	// the contributor sees them all at once.
	data := catalog.CaseFile(cs)
	_, problems := catalog.ParseCase("cases/"+cmp.Or(cs.Slug, "new-case")+".md", data)
	for _, p := range problems.Errors() {
		msg := text.UpperFirst(p.Message)
		if m := missingKey.FindStringSubmatch(p.Message); m != nil {
			msg = "Enter the " + m[1] + "."
			if m[1] == "factors" {
				msg = "Choose at least one success factor."
			}
		}
		f.fail(fieldOf(string(data), p, sourceRows, outcomeRows), "%s", msg)
	}
	return cs, cs.Slug
}

// checkText reports fields that are not valid UTF-8 text.
func (f *contributeForm) checkText() {
	fields := []struct{ id, v string }{{"title", f.Title}, {"summary", f.Summary}, {"country", f.Country},
		{"jurisdiction", f.Jurisdiction}, {"level", f.Level}, {"year", f.Year}, {"status", f.Status}, {"evidence", f.Evidence},
		{"organisations", f.Organisations}, {"sectors", f.Sectors}, {"tags", f.Tags}}
	for i, r := range f.Sources {
		fields = append(fields, struct{ id, v string }{fmt.Sprintf("source_title-%d", i), r.Title + r.URL})
	}
	for i, r := range f.Outcomes {
		fields = append(fields, struct{ id, v string }{fmt.Sprintf("outcome_text-%d", i), r.Text + r.Source + r.Year})
	}
	for _, id := range sectionFields {
		fields = append(fields, struct{ id, v string }{id, f.Sections[id]})
	}
	for slug := range f.Factors {
		fields = append(fields, struct{ id, v string }{"factors", slug})
	}
	for _, fl := range fields {
		if !utf8.ValidString(fl.v) {
			f.fail(fl.id, "This contains characters that are not valid text; type or paste it again.")
		}
	}
}

// number reads an optional whole number field.
func (f *contributeForm) number(id, v, what string) int {
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		f.fail(id, "Enter %s, as a number.", what)
	}
	return n
}

// lines splits a one-value-per-line field.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

var missingKey = regexp.MustCompile(`required key "([a-z]+)"`)

var keyLine = regexp.MustCompile(`^([a-z]+):`)

// fieldOf finds the form field a problem of the generated file belongs to:
// by the key or list entry on its line, by the section of a body line, or by
// a key the message names.
func fieldOf(file string, p catalog.Problem, sourceRows, outcomeRows map[int]int) string {
	if m := missingKey.FindStringSubmatch(p.Message); m != nil {
		return m[1]
	}
	key, item, section, fence := "", -1, "", 0
	for i, l := range strings.Split(file, "\n") {
		if fence < 2 {
			if l == "---" {
				fence++
			} else if m := keyLine.FindStringSubmatch(l); m != nil {
				key, item = m[1], -1
			} else if strings.HasPrefix(l, "  - ") {
				item++
			}
		} else if h, ok := strings.CutPrefix(l, "## "); ok {
			section = h
		}
		if i+1 != p.Line {
			continue
		}
		switch {
		case fence >= 2:
			for j, s := range catalog.RecommendedSections {
				if s == section {
					return sectionFields[j]
				}
			}
			return sectionFields[0]
		case key == "sources" && item >= 0:
			return fmt.Sprintf("source_title-%d", sourceRows[item])
		case key == "outcomes" && item >= 0:
			return fmt.Sprintf("outcome_text-%d", outcomeRows[item])
		case key == "sources":
			return "source_title-0"
		case key == "outcomes":
			return "outcome_text-0"
		case key != "":
			return key
		}
	}
	for _, k := range []string{"title", "summary", "country", "jurisdiction", "level", "year", "status", "evidence", "factors", "organisations", "sectors", "tags"} {
		if strings.Contains(p.Message, k) {
			return k
		}
	}
	return "title"
}

// fieldView is what the form's field templates need for one field.
type fieldView struct{ ID, Name, Label, Hint, Value, Err string }

// Field describes the field id (named name) of the form for the templates.
func (p contributePage) Field(id, name, label, hint, value string) fieldView {
	return fieldView{ID: id, Name: name, Label: label, Hint: hint, Value: value, Err: p.Form.Errors[id]}
}

// RowID is the id of a repeated field's row i, e.g. source_title-3.
func (p contributePage) RowID(name string, i int) string { return fmt.Sprintf("%s-%d", name, i) }
