package web

import (
	"encoding/xml"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
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
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Link       atomLink       `xml:"link"`
	Summary    string         `xml:"summary"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// feed is an Atom feed of the most recently added cases (see
// catalog.Case.AddedAt).
func (s *Server) feed(c *gin.Context, st *state) error {
	return s.writeFeed(c, st, feedInfo{
		title:    "Casebook: public-sector innovation case studies",
		subtitle: "The case studies most recently added to the catalogue.",
		self:     "/feed.xml",
		page:     "/",
	}, st.recent)
}

// feedInfo is what a feed says about itself: its title and subtitle, its
// own path and the page it follows.
type feedInfo struct{ title, subtitle, self, page string }

// writeFeed writes the first feedSize of cases, which are sorted most
// recently added first, as an Atom feed. An entry is published when its
// case was added and updated at the newer of that and its review; the feed
// is updated at its newest entry's time (the load time when it is empty).
func (s *Server) writeFeed(c *gin.Context, st *state, info feedInfo, cases []*catalog.Case) error {
	f := atomFeed{
		Title:    info.title,
		Subtitle: info.subtitle,
		ID:       s.absURL(c, info.self),
		Updated:  st.loaded.Format(time.RFC3339),
		Links: []atomLink{
			{Href: s.absURL(c, info.self), Rel: "self", Type: "application/atom+xml"},
			{Href: s.absURL(c, info.page), Rel: "alternate", Type: "text/html"},
		},
		Author: atomPerson{Name: "Casebook"},
	}
	if info.self == "/feed.xml" {
		f.ID = s.absURL(c, "/")
	}
	var newest time.Time
	for _, cs := range cases[:min(len(cases), feedSize)] {
		updated := cs.UpdatedAt()
		if updated.After(newest) {
			newest = updated
		}
		e := atomEntry{
			Title:     cs.Title,
			ID:        s.absURL(c, cs.URL()),
			Published: cs.AddedAt().Format(time.RFC3339),
			Updated:   updated.Format(time.RFC3339),
			Link:      atomLink{Href: s.absURL(c, cs.URL()), Rel: "alternate", Type: "text/html"},
			Summary:   cs.Summary,
		}
		for _, slug := range cs.Factors {
			e.Categories = append(e.Categories, atomCategory{Term: slug, Label: st.factorTitle(slug)})
		}
		f.Entries = append(f.Entries, e)
	}
	if !newest.IsZero() {
		f.Updated = newest.Format(time.RFC3339)
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
