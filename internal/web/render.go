package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/templates"
)

// pageNames are the page templates, each a file NAME.html in templates/.
var pageNames = []string{"home", "cases", "case", "factors", "factor", "about", "guide", "error",
	"overview", "compare", "organisations", "organisation", "contribute"}

// assets are the content-hashed URLs of the static files pages link to.
type assets struct {
	CSS    string
	Icon   string
	Script string // static/search.js: instant results, filters that apply at once
	Live   string // live.js, only in watch mode: reloads the page when the catalogue changes
}

type staticFile struct {
	body        []byte
	contentType string
}

// loadTemplates parses each page into its own template set, a clone of the
// layout, and registers the static files under content-hashed names.
func (s *Server) loadTemplates() error {
	s.pages = map[string]*template.Template{}
	s.static = map[string]staticFile{}
	base, err := template.New(templates.Layout).Funcs(templates.Funcs()).ParseFS(templates.FS, templates.Layout)
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	for _, name := range pageNames {
		t, err := base.Clone()
		if err != nil {
			return fmt.Errorf("templates: %w", err)
		}
		if _, err := t.ParseFS(templates.FS, name+".html"); err != nil {
			return fmt.Errorf("templates: %w", err)
		}
		s.pages[name] = t
	}
	if s.assets.CSS, err = s.addStatic("static/style.css", "text/css; charset=utf-8"); err != nil {
		return err
	}
	if s.assets.Icon, err = s.addStatic("static/icon.svg", "image/svg+xml"); err != nil {
		return err
	}
	if s.assets.Script, err = s.addStatic("static/search.js", "text/javascript; charset=utf-8"); err != nil || !s.watch {
		return err
	}
	s.assets.Live, err = s.addStatic("static/live.js", "text/javascript; charset=utf-8")
	return err
}

// addStatic registers an embedded file under a name that carries a hash of
// its content, so it can be cached for good, and returns its URL.
func (s *Server) addStatic(file, contentType string) (string, error) {
	body, err := fs.ReadFile(templates.FS, file)
	if err != nil {
		return "", fmt.Errorf("static file: %w", err)
	}
	sum := sha256.Sum256(body)
	ext := path.Ext(file)
	name := strings.TrimSuffix(path.Base(file), ext) + "." + hex.EncodeToString(sum[:])[:12] + ext
	s.static[name] = staticFile{body: body, contentType: contentType}
	return "/static/" + name, nil
}

// page is what every HTML page gives the layout.
type page struct {
	Title       string
	Description string
	Section     string // the main menu entry this page belongs to: cases, factors or about
	Path        string
	NoIndex     bool
	Crumbs      []crumb
	Assets      assets
	Problems    *problemBanner  // content problems, shown in watch mode only
	URL         string          // this page's absolute address, for link previews
	Version     string          // the content version, or ""
	Licence     catalog.Licence // of the content
	Feed        *feedLink       // a feed of this page's search, or nil
}

type crumb struct{ Href, Label string }

// Current says how the menu entry for section relates to this page, as an
// aria-current value: "page" on the section's own page, "true" below it.
func (p page) Current(section string) string {
	switch {
	case p.Section != section:
		return ""
	case p.Path == "/"+section:
		return "page"
	default:
		return "true"
	}
}

// newPage starts the page model of a page in section; st, the published
// state or nil, supplies the problems banner.
func (s *Server) newPage(c *gin.Context, st *state, title, section string) page {
	p := page{Title: title, Section: section, Path: c.Request.URL.Path, Assets: s.assets, Problems: s.banner(st),
		URL: s.absURL(c, c.Request.URL.RequestURI()), Licence: s.licence}
	if st != nil {
		p.Version = st.version
	}
	return p
}

// render executes a page template into a buffer and writes it, so a
// template error never leaves half a page.
func (s *Server) render(c *gin.Context, status int, name string, data any) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("no page template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return fmt.Errorf("rendering %s: %w", name, err)
	}
	send(c, status, "text/html; charset=utf-8", buf.Bytes())
	return nil
}

// send writes a whole response body with its Content-Length. Every
// response of the site goes through it: with the length known, net/http
// sends the body straight after the headers instead of in chunks closed by
// a last write after the handler returns, so a replica that dies (even by
// SIGKILL) between two writes of one response is far less likely to leave
// a proxy with a half-sent answer it can no longer retry elsewhere.
func send(c *gin.Context, status int, contentType string, body []byte) {
	c.Header("Content-Length", strconv.Itoa(len(body)))
	c.Data(status, contentType, body)
}

// writeJSON writes v as JSON. Encoding our own types cannot fail; if it
// ever does, the client gets a JSON 500 rather than half a document.
func writeJSON(c *gin.Context, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"the response could not be encoded"}}`)
	}
	send(c, status, "application/json; charset=utf-8", append(b, '\n'))
}

// writeXML writes v as an indented XML document.
func writeXML(c *gin.Context, contentType string, v any) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.WriteByte('\n')
	send(c, http.StatusOK, contentType, buf.Bytes())
	return nil
}

// absURL is the absolute address of a path on this site: from the base URL
// of the Config, or else from the request's host when that looks like a
// host name.
func (s *Server) absURL(c *gin.Context, p string) string {
	if s.baseURL != "" {
		return s.baseURL + p
	}
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	host := c.Request.Host
	if !validHost.MatchString(host) {
		host = "localhost"
	}
	return scheme + "://" + host + p
}

var validHost = regexp.MustCompile(`^([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$`)
