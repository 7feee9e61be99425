package web

import (
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// feedSize is how many of the newest cases the Atom feed carries.
const feedSize = 50

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Link       atomLink       `xml:"link"`
	Summary    string         `xml:"summary"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// feed is an Atom feed of the newest cases, by the year they started and
// then by title. Cases carry a year, not a date, so an entry's updated time
// is the start of its year; the feed's is when the catalogue was loaded.
func (s *Server) feed(c *gin.Context, st *state) error {
	f := atomFeed{
		Title:    "Casebook: public-sector innovation case studies",
		Subtitle: "The newest case studies in the catalogue.",
		ID:       s.absURL(c, "/"),
		Updated:  st.loaded.Format(time.RFC3339),
		Links: []atomLink{
			{Href: s.absURL(c, "/feed.xml"), Rel: "self", Type: "application/atom+xml"},
			{Href: s.absURL(c, "/"), Rel: "alternate", Type: "text/html"},
		},
		Author: atomPerson{Name: "Casebook"},
	}
	for _, cs := range st.newest[:min(len(st.newest), feedSize)] {
		e := atomEntry{
			Title:   cs.Title,
			ID:      s.absURL(c, cs.URL()),
			Updated: fmt.Sprintf("%04d-01-01T00:00:00Z", cs.Year),
			Link:    atomLink{Href: s.absURL(c, cs.URL()), Rel: "alternate", Type: "text/html"},
			Summary: cs.Summary,
		}
		for _, slug := range cs.Factors {
			e.Categories = append(e.Categories, atomCategory{Term: slug, Label: st.factorTitle(slug)})
		}
		f.Entries = append(f.Entries, e)
	}
	return writeXML(c, "application/atom+xml; charset=utf-8", f)
}

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc string `xml:"loc"`
}

func (s *Server) sitemap(c *gin.Context, st *state) error {
	var set urlset
	add := func(p string) { set.URLs = append(set.URLs, sitemapURL{Loc: s.absURL(c, p)}) }
	for _, p := range []string{"/", "/cases", "/factors", "/about"} {
		add(p)
	}
	for _, f := range st.cat.Factors {
		add(f.URL())
	}
	for _, cs := range st.cat.Cases {
		add(cs.URL())
	}
	return writeXML(c, "application/xml; charset=utf-8", set)
}

// robots keeps crawlers out of the API and the endless combinations of
// search filters; case and factor pages are listed in the sitemap.
func (s *Server) robots(c *gin.Context, _ *state) error {
	var b strings.Builder
	b.WriteString("User-agent: *\nDisallow: /api/\nDisallow: /cases?\n\n")
	b.WriteString("Sitemap: " + s.absURL(c, "/sitemap.xml") + "\n")
	send(c, 200, "text/plain; charset=utf-8", []byte(b.String()))
	return nil
}
