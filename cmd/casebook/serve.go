package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
	"github.com/casebook/casebook/internal/metrics"
	"github.com/casebook/casebook/internal/web"
	"github.com/casebook/casebook/search"
)

const defaultAddr = "127.0.0.1:8080"

// servingGCPercent is the garbage collector's target while serving, unless
// GOGC is set: at 10,000 cases it keeps the server under 400 MB with no
// loss in latency.
const servingGCPercent = 70

// serveOptions are the flags of casebook serve.
type serveOptions struct {
	content string
	addr    string
	editURL string
	baseURL string
	contrib string // --contribute-url
	watch   bool   // reload the catalogue when files in content change
	index   string // folder for an on-disk index, or "" to keep it in memory
	version string // names the content version (--content-version), or ""
	licence catalog.Licence
	// metricsAddr is where Prometheus metrics are served, or "" for none.
	metricsAddr string
	logJSON     bool     // --log-format json
	unknownEnv  []string // CASEBOOK_ variables that set no flag, for a warning
	// listening, if set, is told the address once the server listens (for tests).
	listening func(addr string)
	// metricsListening, if set, is told the metrics listener's address (for tests).
	metricsListening func(addr string)
}

func runServe(env *cliEnv, args []string) int {
	o, code, ok := parseServe(env, args)
	if !ok {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, env, o)
}

// parseServe reads serve's flags, then the CASEBOOK_<FLAG> variables for
// those the command line leaves unset, and checks them. ok is false when
// the command should stop with code; messages name a value's variable when
// it came from the environment.
func parseServe(env *cliEnv, args []string) (o serveOptions, code int, ok bool) {
	fs := newFlagSet(env, "serve", "[--content DIR] [--addr HOST:PORT] [--index DIR] [--watch] [--edit-url TEMPLATE] [--base-url URL] [--contribute-url TEMPLATE] [--content-version V] [--licence L] [--metrics-addr HOST:PORT] [--log-format text|json]\n\nServes the catalogue as a website and JSON API until interrupted.\nEvery flag can also be set in the environment as CASEBOOK_<FLAG>, e.g.\nCASEBOOK_ADDR or CASEBOOK_METRICS_ADDR; a flag on the command line wins.")
	fs.StringVar(&o.content, "content", "", "catalogue folder (default: the embedded catalogue)")
	fs.StringVar(&o.addr, "addr", defaultAddr, "address to listen on, HOST:PORT")
	fs.StringVar(&o.index, "index", "", "folder for an on-disk search index, reused on restart when the content is unchanged (default: in memory)")
	fs.BoolVar(&o.watch, "watch", false, "reload the catalogue when files in the --content folder change, and show content problems on every page")
	fs.StringVar(&o.editURL, "edit-url", "", "URL of a case's source for an \"Edit this case\" link; {path} is replaced by the file's path, e.g. cases/x.md")
	fs.StringVar(&o.baseURL, "base-url", "", "public address of the site, e.g. https://casebook.example.org, for feeds, the sitemap and citations (default: the request's host)")
	publication := addPublicationFlags(fs)
	fs.StringVar(&o.contrib, "contribute-url", "", "URL that /contribute offers to open with a checked case file, {slug} and {content} filled in, e.g. a repository's new-file page")
	fs.StringVar(&o.metricsAddr, "metrics-addr", "", "address HOST:PORT to serve Prometheus metrics at /metrics on, a listener of its own (default: off)")
	logFormat := fs.String("log-format", "text", "log format: text, or json for log collectors")
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return o, code, false
	}
	if len(rest) > 0 {
		return o, usageError(env, "serve", "unexpected argument %q", rest[0]), false
	}
	name, unknown, code, ok := applyEnv(env, fs)
	if !ok {
		return o, code, false
	}
	var err error
	if o.version, o.licence, err = publication.parse(); err != nil {
		return o, usageError(env, "serve", "%v", err), false
	}
	if o.watch && o.content == "" {
		return o, usageError(env, "serve", "%s needs %s DIR: the embedded catalogue never changes", name("watch"), name("content")), false
	}
	if _, _, err := net.SplitHostPort(o.addr); err != nil {
		return o, usageError(env, "serve", "%s %q is not HOST:PORT (for example %s)", name("addr"), o.addr, defaultAddr), false
	}
	if _, _, err := net.SplitHostPort(o.metricsAddr); o.metricsAddr != "" && err != nil {
		return o, usageError(env, "serve", "%s %q is not HOST:PORT (for example 127.0.0.1:9090)", name("metrics-addr"), o.metricsAddr), false
	}
	switch *logFormat {
	case "text":
	case "json":
		o.logJSON = true
	default:
		return o, usageError(env, "serve", "%s %q: want text or json", name("log-format"), *logFormat), false
	}
	if err := web.CheckEditURL(o.editURL); err != nil {
		return o, usageError(env, "serve", "%s: %v", name("edit-url"), err), false
	}
	if err := web.CheckBaseURL(o.baseURL); err != nil {
		return o, usageError(env, "serve", "%s %v", name("base-url"), err), false
	}
	if err := web.CheckContributeURL(o.contrib); o.contrib != "" && err != nil {
		return o, usageError(env, "serve", "%s: %v", name("contribute-url"), err), false
	}
	o.unknownEnv = unknown
	return o, 0, true
}

// serve runs the web server until ctx is done. It listens at once and
// answers 503 (and /healthz "starting") while the catalogue loads and the
// index builds, then serves it.
func serve(ctx context.Context, env *cliEnv, o serveOptions) int {
	var handler slog.Handler = slog.NewTextHandler(env.stderr, nil)
	if o.logJSON {
		handler = slog.NewJSONHandler(env.stderr, nil)
	}
	log := slog.New(handler)
	for _, v := range o.unknownEnv {
		log.Warn("environment variable sets no flag of casebook serve; misspelt?", "variable", v)
	}
	fsys, err := contentFS(o.content)
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook serve: %v\n", err)
		return exitInvalid
	}
	cfg := web.Config{Log: log, EditURL: o.editURL, BaseURL: o.baseURL, Watch: o.watch, Guide: content.Guide,
		ContentVersion: o.version, Licence: o.licence, ContributeURL: o.contrib}
	var m *metrics.Metrics
	if o.metricsAddr != "" {
		m = metrics.New()
		cfg.Metrics = m
	}
	srv, err := web.New(cfg)
	if err != nil {
		log.Error("cannot build the server", "err", err)
		return exitInvalid
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook serve: %v\n", err)
		return exitInvalid
	}
	var ms *http.Server
	if m != nil {
		ms, err = m.Listen(o.metricsAddr, log, o.metricsListening)
	}
	if err != nil {
		ln.Close()
		fmt.Fprintf(env.stderr, "casebook serve: metrics: %v\n", err)
		return exitInvalid
	}
	var h http.Handler = srv
	if wrapHandler != nil {
		h = wrapHandler(h)
	}
	hs := web.NewHTTPServer(h, log, web.DefaultLimits)
	hs.RegisterOnShutdown(srv.EndStreams) // live preview streams would hold up Shutdown
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	addr := ln.Addr().String()
	log.Info("listening", "url", "http://"+addr+"/")
	if o.listening != nil {
		o.listening(addr)
	}

	load, problems := catalog.Load, &catalog.ProblemLog{Max: 20}
	var w *watcher
	if o.watch {
		if w, err = newWatcher(o.content, log); err != nil {
			log.Error("cannot watch the content folder", "err", err)
			hs.Close()
			return exitInvalid
		}
		load, problems = w.load, &w.problems
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	loaded := make(chan struct{}) // closed when loading (and watching) ends
	go func() {
		defer close(loaded)
		start := time.Now()
		cat, ix, err := loadIndex(fsys, load, o.index, log, problems)
		if err != nil {
			cancel(err)
			return
		}
		if m != nil {
			m.ObserveIndex(time.Since(start), !ix.OpenStats().Reused)
		}
		version, err := catalog.Version(fsys)
		if err != nil {
			log.Warn("cannot compute the content version", "err", err)
		}
		srv.PublishVersion(cat, ix, cat.Problems, version)
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(servingGCPercent) // only now: the build keeps its speed
		}
		log.Info("ready", "url", "http://"+addr+"/")
		debug.FreeOSMemory() // the build's garbage is several times the catalogue served: hand it back now
		if w != nil {
			if m != nil {
				w.reloaded = m.Reloaded
			}
			w.run(ctx, srv, ix)
		}
	}()

	code := exitOK
	select {
	case <-ctx.Done():
		if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
			log.Error("cannot serve the catalogue", "err", err)
			code = exitInvalid
		}
	case err := <-serveErr:
		log.Error("server stopped", "err", err)
		code = exitInvalid
	}
	log.Info("shutting down")
	shutCtx, done := context.WithTimeout(context.Background(), 10*time.Second)
	defer done()
	if err := hs.Shutdown(shutCtx); err != nil {
		log.Warn("shutdown", "err", err)
	}
	if ms != nil {
		if err := ms.Shutdown(shutCtx); err != nil {
			log.Warn("metrics shutdown", "err", err)
		}
	}
	if w != nil {
		cancel(nil)
		<-loaded // no reload swaps in a state after this
		w.Close()
	}
	if err := srv.Close(); err != nil {
		log.Warn("closing the index", "err", err)
	}
	return code
}

// loadIndex loads the catalogue, logs its problems and builds its index, in
// memory or, with indexDir, on disk (reusing what is there when it matches).
func loadIndex(fsys fs.FS, load func(fs.FS) (*catalog.Catalog, error), indexDir string, log *slog.Logger, problems *catalog.ProblemLog) (*catalog.Catalog, *search.Index, error) {
	start := time.Now()
	cat, err := load(fsys)
	if err != nil {
		return nil, nil, fmt.Errorf("loading the catalogue: %w", err)
	}
	problems.Report(log, cat.Problems)
	if errs := len(cat.Problems.Errors()); errs > 0 {
		log.Warn("files with errors are left out; run 'casebook validate' for details", "errors", errs)
	}
	ix, err := search.Load(cat, indexDir)
	if err != nil {
		return nil, nil, fmt.Errorf("building the search index: %w", err)
	}
	if o := ix.OpenStats(); indexDir != "" {
		log.Info("search index on disk", "dir", indexDir, "reused", o.Reused, "rebuilt", o.Rebuilt, "added", o.Added, "changed", o.Changed, "removed", o.Removed)
	}
	log.Info("catalogue loaded", "cases", len(cat.Cases), "factors", len(cat.Factors), "problems", len(cat.Problems), "duration", time.Since(start).Round(time.Millisecond))
	return cat, ix, nil
}

// wrapHandler, if set, wraps the handler of the HTTP server serve starts.
// Only tests set it (e.g. to hold requests in flight at shutdown).
var wrapHandler func(http.Handler) http.Handler
