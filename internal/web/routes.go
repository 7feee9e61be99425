package web

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/gin-gonic/gin"
)

// newEngine declares every route of the site and the API. Routes added
// with get answer 503 until a catalogue is published; those added with
// always answer from the start.
func (s *Server) newEngine() *gin.Engine {
	r := gin.New()
	r.RedirectTrailingSlash = false // done in notFound, after the middleware has run
	r.RedirectFixedPath = false
	r.HandleMethodNotAllowed = true
	r.ContextWithFallback = true
	_ = r.SetTrustedProxies(nil)
	if s.observer != nil {
		r.Use(s.observeRequests) // outside recoverPanics, so a recovered 500 is counted
	}
	r.Use(s.logRequests, securityHeaders, s.recoverPanics)

	add := func(path string, h gin.HandlerFunc) {
		r.GET(path, h)
		r.HEAD(path, h)
		s.paths = append(s.paths, path)
	}
	get := func(path string, h handler) { add(path, s.handle(h, true)) }
	always := func(path string, h handler) { add(path, s.handle(h, false)) }

	get("/", s.home)
	get("/cases", s.cases)
	get("/cases/feed.xml", s.casesFeed)
	get("/cases/:slug", s.casePage)
	get("/factors", s.factors)
	get("/factors/:slug", s.factorPage)
	get("/about", s.about)
	get("/overview", s.overview)
	get("/compare", s.compare)
	get("/organisations", s.organisations)
	get("/organisations/:slug", s.organisationPage)
	always("/about/editor-guide", s.guide)
	get("/feed.xml", s.feed)
	get("/sitemap.xml", s.sitemap)
	always("/robots.txt", s.robots)
	always("/healthz", s.healthz)
	always("/static/:file", s.staticAsset)
	get("/contribute", s.contribute)
	r.POST("/contribute", s.handle(s.contributePost, true))

	get("/api/v1/search", s.apiSearch)
	get("/api/v1/cases/:slug", s.apiCase)
	get("/api/v1/factors", s.apiFactors)
	get("/api/v1/factors/:slug", s.apiFactor)
	get("/api/v1/problems", s.apiProblems)
	get("/api/v1/datapackage.zip", s.apiDataPackage)
	get("/api/v1/openapi.json", s.apiOpenAPI)
	if s.watch {
		r.GET("/events", s.events) // live preview: see events.go
	}
	get("/api/v1/overview", s.apiOverview)

	r.NoRoute(s.handle(s.notFound, false))
	r.NoMethod(s.handle(s.methodNotAllowed, false))
	return r
}

// safeRedirectPath matches paths it is safe to redirect to after removing a
// trailing slash: no "//" (another host), no dots, no odd characters.
var safeRedirectPath = regexp.MustCompile(`^(/[a-z0-9_-]+)+$`)

// notFound answers a path no route matches: a redirect when it is a route
// with a trailing slash, else 404.
func (s *Server) notFound(c *gin.Context, _ *state) error {
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
func (s *Server) isRoute(p string) bool {
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

func (s *Server) methodNotAllowed(c *gin.Context, _ *state) error {
	return &httpError{status: http.StatusMethodNotAllowed, code: "method_not_allowed",
		msg: "The " + truncate(c.Request.Method, 20) + " method is not allowed here; use GET."}
}

func isAPIPath(p string) bool { return p == "/api" || strings.HasPrefix(p, "/api/") }
