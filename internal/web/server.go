package web

import (
	"cmp"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/search"
)

// Config is what a Server is built from.
type Config struct {
	Log     *slog.Logger // where requests and failures are logged; nil discards them
	EditURL string       // URL template with {path} for an "Edit this case" link, or ""
	BaseURL string       // public address such as https://casebook.example.org, or "" to use the request's host
	Watch   bool         // the content is watched (serve --watch): every page shows its problems
	Guide   []byte       // the editor guide in Markdown, shown at /about/editor-guide
	// ContentVersion names the content version (serve --content-version),
	// such as the content repository's commit; "" shows the version
	// computed from the files (see PublishVersion).
	ContentVersion string
	Licence        catalog.Licence // the content's licence; catalog.DefaultLicence when empty

	// Metrics, if set, is told about every request and search (serve --metrics-addr).
	Metrics Observer
	// ContributeURL is a URL template with {slug} and {content} (such as a
	// repository's new-file page) that /contribute offers to open with a
	// checked case file filled in, or "" (see CheckContributeURL).
	ContributeURL string
}

// Server is the web catalogue and JSON API. It serves whichever catalogue
// was published last; until the first is, every page answers 503.
type Server struct {
	log           *slog.Logger
	editURL       string
	contributeURL string
	baseURL       string
	watch         bool
	version       string                        // Config.ContentVersion
	licence       catalog.Licence               // of the content
	pages         map[string]*template.Template // page name → its own template set
	assets        assets
	static        map[string]staticFile // file name under /static/ → file
	engine        *gin.Engine
	paths         []string // route patterns, for trailing-slash redirects
	openapi       []byte   // the OpenAPI document of the API
	cur           atomic.Pointer[state]
	live          *publisher // tells /events of each publish
	// guideDoc is the editor guide, rendered once.
	guideDoc catalog.Rendered

	// recoveries counts the panics recoverPanics has turned into a 500.
	// No request should ever cause one; tests assert it stays at zero.
	recoveries atomic.Int64

	// observer is told about requests and searches; nil when metrics are off.
	observer Observer
}

// New builds a Server from cfg: it parses the templates, hashes the static
// files and renders the editor guide. It serves nothing but 503 until
// Publish is called.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if gin.Mode() == gin.DebugMode {
		gin.SetMode(gin.ReleaseMode) // debug mode re-parses templates and prints every route
	}
	s := &Server{log: cfg.Log, editURL: cfg.EditURL, baseURL: strings.TrimRight(cfg.BaseURL, "/"), watch: cfg.Watch,
		version: cfg.ContentVersion, licence: cmp.Or(cfg.Licence, catalog.DefaultLicence), live: newPublisher(), observer: cfg.Metrics,
		contributeURL: cfg.ContributeURL}
	if err := s.loadTemplates(); err != nil {
		return nil, err
	}
	var err error
	if s.guideDoc, err = renderGuide(cfg.Guide); err != nil {
		return nil, err
	}
	s.engine = s.newEngine()
	if s.openapi, err = s.openAPIJSON(); err != nil {
		return nil, err
	}
	return s, nil
}

// ServeHTTP makes the server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

// Publish makes cat, its index ix and the problems found loading it the
// catalogue that new requests see; requests already running keep theirs.
// It does not close the index it replaces: an updated index shares its
// storage with the one before it (see search.Index.Update).
func (s *Server) Publish(cat *catalog.Catalog, ix *search.Index, problems catalog.Problems) {
	s.PublishVersion(cat, ix, problems, "")
}

// PublishVersion is Publish with the content version of cat's files (see
// catalog.Version), which pages, the API, citations and the data package
// name unless Config.ContentVersion names one. Open live-preview pages
// (watch mode) and the metrics hear of it.
func (s *Server) PublishVersion(cat *catalog.Catalog, ix *search.Index, problems catalog.Problems, version string) {
	st := newState(cat, ix, problems)
	st.version = cmp.Or(s.version, version)
	s.setState(st)
	s.live.publish()
	if s.observer != nil {
		s.observer.SetCatalog(len(cat.Cases), len(cat.Factors), len(problems), st.version)
	}
}

// Close stops serving the published catalogue, so that pages answer 503
// again, and closes its index. It returns the index's error, if any.
func (s *Server) Close() error {
	if st := s.setState(nil); st != nil {
		if err := st.ix.Close(); err != nil {
			return fmt.Errorf("closing the search index: %w", err)
		}
	}
	return nil
}
