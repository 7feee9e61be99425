package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"regexp"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
	"github.com/casebook/casebook/search"
	"github.com/casebook/casebook/templates"
)

// searchTimeout bounds the time one request may spend searching.
const searchTimeout = 10 * time.Second

// serverConfig is what a server is built from.
type serverConfig struct {
	Log     *slog.Logger
	EditURL string // URL template with {path}, or ""
	BaseURL string // public address such as https://casebook.example.org, or "" to use the request's host
	Watch   bool   // the content is watched (serve --watch): every page shows its problems
}

// server is the web catalogue and JSON API. It serves whichever catalogue
// state is current; until the first one is set every page answers 503.
type server struct {
	log     *slog.Logger
	editURL string
	baseURL string
	watch   bool
	pages   map[string]*template.Template // page name → its own template set
	assets  assets
	static  map[string]staticFile // file name under /static/ → file
	engine  *gin.Engine
	paths   []string // route patterns, for trailing-slash redirects
	cur     atomic.Pointer[state]
	// guideDoc is the editor guide, rendered once.
	guideDoc catalog.Rendered

	// recoveries counts the panics recoverPanics has turned into a 500.
	// No request should ever cause one; tests assert it stays at zero.
	recoveries atomic.Int64
}

// assets are the content-hashed URLs of the static files pages link to.
type assets struct {
	CSS  string
	Icon string
}

type staticFile struct {
	body        []byte
	contentType string
}

// pageNames are the page templates, each a file NAME.html in templates/.
var pageNames = []string{"home", "cases", "case", "factors", "factor", "about", "guide", "error"}

func newServer(cfg serverConfig) (*server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	s := &server{log: cfg.Log, editURL: cfg.EditURL, baseURL: strings.TrimRight(cfg.BaseURL, "/"), watch: cfg.Watch,
		pages: map[string]*template.Template{}, static: map[string]staticFile{}}
	base, err := template.New(templates.Layout).Funcs(templates.Funcs()).ParseFS(templates.FS, templates.Layout)
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	for _, name := range pageNames {
		t, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		if _, err := t.ParseFS(templates.FS, name+".html"); err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		s.pages[name] = t
	}
	if s.assets.CSS, err = s.addStatic("static/style.css", "text/css; charset=utf-8"); err != nil {
		return nil, err
	}
	if s.assets.Icon, err = s.addStatic("static/icon.svg", "image/svg+xml"); err != nil {
		return nil, err
	}
	if s.guideDoc, err = renderGuide(content.Guide); err != nil {
		return nil, err
	}
	s.engine = s.routes()
	return s, nil
}

// addStatic registers an embedded file under a name that carries a hash of
// its content, so it can be cached for good, and returns its URL.
func (s *server) addStatic(file, contentType string) (string, error) {
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

// routes declares every route of the site and the API.
func (s *server) routes() *gin.Engine {
	r := gin.New()
	r.RedirectTrailingSlash = false // done in notFound, after the middleware has run
	r.RedirectFixedPath = false
	r.HandleMethodNotAllowed = true
	r.ContextWithFallback = true
	_ = r.SetTrustedProxies(nil)
	r.Use(s.logRequests, securityHeaders, s.recoverPanics)

	get := func(path string, h handler) {
		r.GET(path, s.handle(h))
		r.HEAD(path, s.handle(h))
		s.paths = append(s.paths, path)
	}
	get("/", s.home)
	get("/cases", s.cases)
	get("/cases/:slug", s.casePage)
	get("/factors", s.factors)
	get("/factors/:slug", s.factorPage)
	get("/about", s.about)
	get("/about/editor-guide", s.guide)
	get("/feed.xml", s.feed)
	get("/sitemap.xml", s.sitemap)
	get("/robots.txt", s.robots)
	get("/healthz", s.healthz)
	get("/static/:file", s.staticAsset)

	get("/api/v1/search", s.apiSearch)
	get("/api/v1/cases/:slug", s.apiCase)
	get("/api/v1/factors", s.apiFactors)
	get("/api/v1/factors/:slug", s.apiFactor)
	get("/api/v1/problems", s.apiProblems)

	r.NoRoute(s.handle(s.notFound))
	r.NoMethod(s.handle(s.methodNotAllowed))
	return r
}

// httpLimits are the time and size limits of the HTTP server, which stop
// slow or oversized requests from holding connections and memory.
type httpLimits struct {
	ReadHeaderTimeout time.Duration // to read a request's headers (slowloris)
	ReadTimeout       time.Duration // to read a whole request
	WriteTimeout      time.Duration // from the end of the headers to the end of the response
	IdleTimeout       time.Duration // a kept-alive connection waiting for its next request
	MaxHeaderBytes    int           // request line and headers; more gets 431
}

// defaultHTTPLimits are the limits of casebook serve. WriteTimeout leaves a
// search its searchTimeout and the response time to render and send.
var defaultHTTPLimits = httpLimits{
	ReadHeaderTimeout: 5 * time.Second,
	ReadTimeout:       10 * time.Second,
	WriteTimeout:      searchTimeout + 20*time.Second,
	IdleTimeout:       2 * time.Minute,
	MaxHeaderBytes:    32 << 10,
}

// wrapHandler, if set, wraps the handler of every HTTP server newHTTPServer
// builds. Only tests set it (e.g. to hold requests in flight at shutdown).
var wrapHandler func(http.Handler) http.Handler

// newHTTPServer returns the http.Server that serves h within limits; its
// own errors (bad requests it answers before h sees them) go to log.
func newHTTPServer(h http.Handler, log *slog.Logger, limits httpLimits) *http.Server {
	if wrapHandler != nil {
		h = wrapHandler(h)
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: limits.ReadHeaderTimeout,
		ReadTimeout:       limits.ReadTimeout,
		WriteTimeout:      limits.WriteTimeout,
		IdleTimeout:       limits.IdleTimeout,
		MaxHeaderBytes:    limits.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// ServeHTTP makes the server an http.Handler.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

// current is the catalogue state being served, or nil before the first is ready.
func (s *server) current() *state { return s.cur.Load() }

// setState makes st the state new requests see and returns the one it
// replaces (nil at first). Requests already running keep theirs.
func (s *server) setState(st *state) *state { return s.cur.Swap(st) }

// ready returns the current state, or an error that answers 503 while the
// first catalogue is still loading.
func (s *server) ready() (*state, error) {
	if st := s.current(); st != nil {
		return st, nil
	}
	return nil, errStarting
}

// handler is a route handler: it writes a response, or returns an error for
// the adapter (handle) to turn into an error page or JSON error.
type handler func(c *gin.Context) error

// handle adapts a handler to gin and answers its errors.
func (s *server) handle(h handler) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.fail(c, err)
		}
	}
}

// httpError is an error with the response it should get. msg is shown to
// the user; err, the cause, goes only to the log.
type httpError struct {
	status int
	code   string
	msg    string
	err    error
	retry  *retryLink // on HTML pages, a way out of the problem
}

// retryLink is a link an error page offers, e.g. the search without the bad parameter.
type retryLink struct{ URL, Label string }

func (e *httpError) Error() string {
	if e.err != nil {
		return e.msg + ": " + e.err.Error()
	}
	return e.msg
}

func (e *httpError) Unwrap() error { return e.err }

var errStarting = &httpError{status: http.StatusServiceUnavailable, code: "unavailable",
	msg: "Casebook is starting up and is not ready to answer yet."}

func errNotFound(msg string) error {
	return &httpError{status: http.StatusNotFound, code: "not_found", msg: msg}
}

// classify turns any error into the response it should get.
func classify(err error) *httpError {
	var he *httpError
	if errors.As(err, &he) {
		return he
	}
	var qe *search.QueryError
	if errors.As(err, &qe) {
		return &httpError{status: http.StatusBadRequest, code: "bad_request", msg: qe.Message, err: err}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &httpError{status: http.StatusServiceUnavailable, code: "timeout",
			msg: "The search took too long. Try fewer words or filters.", err: err}
	}
	return &httpError{status: http.StatusInternalServerError, code: "internal",
		msg: "Something went wrong on our side. The problem has been logged; please try again later.", err: err}
}

// errorHeadings are the page headings of HTML error pages.
var errorHeadings = map[int]string{
	http.StatusBadRequest:          "There is a problem with your search",
	http.StatusNotFound:            "Page not found",
	http.StatusMethodNotAllowed:    "This address cannot be used that way",
	http.StatusServiceUnavailable:  "Sorry, Casebook is not available right now",
	http.StatusInternalServerError: "Sorry, something went wrong",
}

type errorPage struct {
	page
	Status  int
	Heading string
	Message string
	Retry   *retryLink
}

// errorJSON is the body of every API error.
type errorJSON struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// fail answers err: as JSON under /api, as an HTML page elsewhere. Only
// server errors are logged with their cause; the user sees a plain message.
func (s *server) fail(c *gin.Context, err error) {
	he := classify(err)
	_ = c.Error(err)
	if he.status >= 500 && he != errStarting {
		s.log.Error("request failed", "method", c.Request.Method, "path", c.Request.URL.Path, "status", he.status, "err", err)
	}
	if c.Writer.Written() {
		return
	}
	if he.status == http.StatusServiceUnavailable {
		c.Header("Retry-After", "5")
	}
	if isAPIPath(c.Request.URL.Path) {
		var body errorJSON
		body.Error.Code, body.Error.Message = he.code, he.msg
		writeJSON(c, he.status, body)
		return
	}
	heading := errorHeadings[he.status]
	if heading == "" {
		heading = http.StatusText(he.status)
	}
	p := s.newPage(c, heading, "")
	p.NoIndex = true
	if rerr := s.render(c, he.status, "error", errorPage{page: p, Status: he.status, Heading: heading, Message: he.msg, Retry: he.retry}); rerr != nil {
		s.log.Error("error page failed", "err", rerr)
		c.Data(he.status, "text/plain; charset=utf-8", []byte(he.msg+"\n"))
	}
}

func isAPIPath(p string) bool { return p == "/api" || strings.HasPrefix(p, "/api/") }

// safeRedirectPath matches paths it is safe to redirect to after removing a
// trailing slash: no "//" (another host), no dots, no odd characters.
var safeRedirectPath = regexp.MustCompile(`^(/[a-z0-9_-]+)+$`)

func (s *server) notFound(c *gin.Context) error {
	p := c.Request.URL.Path
	if trimmed := strings.TrimRight(p, "/"); trimmed != p && safeRedirectPath.MatchString(trimmed) && s.isRoute(trimmed) &&
		(c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead) {
		c.Redirect(http.StatusMovedPermanently, withQuery(trimmed, c.Request.URL.RawQuery))
		return nil
	}
	if isAPIPath(p) {
		return errNotFound("there is nothing at " + truncate(p, 200) + "; see /about#api for the API")
	}
	return errNotFound("There is no page at this address.")
}

// isRoute reports whether p matches one of the route patterns.
func (s *server) isRoute(p string) bool {
	segs := strings.Split(p, "/")
	for _, pattern := range s.paths {
		psegs := strings.Split(pattern, "/")
		if len(psegs) != len(segs) {
			continue
		}
		ok := true
		for i := range psegs {
			if !strings.HasPrefix(psegs[i], ":") && psegs[i] != segs[i] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (s *server) methodNotAllowed(c *gin.Context) error {
	return &httpError{status: http.StatusMethodNotAllowed, code: "method_not_allowed",
		msg: "The " + truncate(c.Request.Method, 20) + " method is not allowed here; use GET."}
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
	Problems    *problemBanner // content problems, shown in watch mode only
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

func (s *server) newPage(c *gin.Context, title, section string) page {
	return page{Title: title, Section: section, Path: c.Request.URL.Path, Assets: s.assets, Problems: s.banner()}
}

// render executes a page template into a buffer and writes it, so a
// template error never leaves half a page.
func (s *server) render(c *gin.Context, status int, name string, data any) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("no page template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return fmt.Errorf("rendering %s: %w", name, err)
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
	return nil
}

// writeJSON writes v as JSON. Encoding our own types cannot fail; if it
// ever does, the client gets a JSON 500 rather than half a document.
func writeJSON(c *gin.Context, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"the response could not be encoded"}}`)
	}
	c.Data(status, "application/json; charset=utf-8", append(b, '\n'))
}

// securityHeaders are set on every response.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("X-Frame-Options", "DENY")
	c.Next()
}

// recoverPanics turns a panic in a handler into a logged 500.
func (s *server) recoverPanics(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.recoveries.Add(1)
			s.log.Error("panic", "method", c.Request.Method, "path", c.Request.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			c.Abort()
			s.fail(c, fmt.Errorf("panic: %v", v))
		}
	}()
	c.Next()
}

// logRequests writes one structured log line per request.
func (s *server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	status := c.Writer.Status()
	level := slog.LevelInfo
	switch {
	case status == http.StatusServiceUnavailable:
		level = slog.LevelWarn // starting up (every /healthz poll) or a search timeout, logged by fail
	case status >= 500:
		level = slog.LevelError
	}
	attrs := []slog.Attr{
		slog.String("method", c.Request.Method),
		slog.String("path", truncate(c.Request.URL.Path, 200)),
		slog.Int("status", status),
		slog.Int("bytes", max(c.Writer.Size(), 0)),
		slog.Duration("duration", time.Since(start)),
		slog.String("remote", c.ClientIP()),
	}
	if q := c.Request.URL.RawQuery; q != "" {
		attrs = append(attrs, slog.String("query", truncate(q, 300)))
	}
	if len(c.Errors) > 0 {
		attrs = append(attrs, slog.String("error", truncate(c.Errors.Last().Error(), 500)))
	}
	s.log.LogAttrs(context.Background(), level, "request", attrs...)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// absURL is the absolute address of a path on this site: from --base-url,
// or else from the request's host when that looks like a host name.
func (s *server) absURL(c *gin.Context, p string) string {
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
