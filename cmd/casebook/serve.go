package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
	"github.com/casebook/casebook/internal/web"
	"github.com/casebook/casebook/search"
)

const defaultAddr = "127.0.0.1:8080"

// servingGCPercent is the garbage collector's target while serving, unless
// GOGC is set.
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
	// listening, if set, is told the address once the server listens (for tests).
	listening func(addr string)
}

func runServe(env *cliEnv, args []string) int {
	fs := newFlagSet(env, "serve", "[--content DIR] [--addr HOST:PORT] [--index DIR] [--watch] [--edit-url TEMPLATE] [--base-url URL] [--contribute-url TEMPLATE]\n\nServes the catalogue as a website and JSON API until interrupted.")
	var o serveOptions
	fs.StringVar(&o.content, "content", "", "catalogue folder (default: the embedded catalogue)")
	fs.StringVar(&o.addr, "addr", defaultAddr, "address to listen on, HOST:PORT")
	fs.StringVar(&o.index, "index", "", "folder for an on-disk search index, reused on restart when the content is unchanged (default: in memory)")
	fs.BoolVar(&o.watch, "watch", false, "reload the catalogue when files in the --content folder change, and show content problems on every page")
	fs.StringVar(&o.editURL, "edit-url", "", "URL of a case's source for an \"Edit this case\" link; {path} is replaced by the file's path, e.g. cases/x.md")
	fs.StringVar(&o.baseURL, "base-url", "", "public address of the site, e.g. https://casebook.example.org, for feeds, the sitemap and citations (default: the request's host)")
	fs.StringVar(&o.contrib, "contribute-url", "", "URL that /contribute offers to open with a checked case file, {slug} and {content} filled in, e.g. a repository's new-file page")
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if err := web.CheckContributeURL(o.contrib); o.contrib != "" && err != nil {
		return usageError(env, "serve", "--contribute-url: %v", err)
	}
	if len(rest) > 0 {
		return usageError(env, "serve", "unexpected argument %q", rest[0])
	}
	if o.watch && o.content == "" {
		return usageError(env, "serve", "--watch needs --content DIR: the embedded catalogue never changes")
	}
	if _, _, err := net.SplitHostPort(o.addr); err != nil {
		return usageError(env, "serve", "--addr %q is not HOST:PORT (for example %s)", o.addr, defaultAddr)
	}
	if o.editURL != "" {
		if err := checkEditURL(o.editURL); err != nil {
			return usageError(env, "serve", "--edit-url: %v", err)
		}
	}
	if o.baseURL != "" {
		if u, err := url.Parse(o.baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return usageError(env, "serve", "--base-url %q must be an http or https address such as https://casebook.example.org", o.baseURL)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, env, o)
}

// checkEditURL accepts an http(s) URL template that contains {path}.
func checkEditURL(t string) error {
	if !strings.Contains(t, "{path}") {
		return errors.New("the template must contain {path}, e.g. https://example.org/edit/main/content/{path}")
	}
	u, err := url.Parse(strings.ReplaceAll(t, "{path}", "cases/x.md"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("the template must be an http or https address")
	}
	return nil
}

// serve runs the web server until ctx is done. It listens at once and
// answers 503 (and /healthz "starting") while the catalogue loads and the
// index builds, then serves it.
func serve(ctx context.Context, env *cliEnv, o serveOptions) int {
	log := slog.New(slog.NewTextHandler(env.stderr, nil))
	fsys, err := contentFS(o.content)
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook serve: %v\n", err)
		return exitInvalid
	}
	srv, err := web.New(web.Config{Log: log, EditURL: o.editURL, BaseURL: o.baseURL, Watch: o.watch, Guide: content.Guide, ContributeURL: o.contrib})
	if err != nil {
		log.Error("cannot build the server", "err", err)
		return exitInvalid
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook serve: %v\n", err)
		return exitInvalid
	}
	var h http.Handler = srv
	if wrapHandler != nil {
		h = wrapHandler(h)
	}
	hs := web.NewHTTPServer(h, log, web.DefaultLimits)
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	addr := ln.Addr().String()
	log.Info("listening", "url", "http://"+addr+"/")
	if o.listening != nil {
		o.listening(addr)
	}

	load := catalog.Load
	var w *watcher
	if o.watch {
		if w, err = newWatcher(o.content, log); err != nil {
			log.Error("cannot watch the content folder", "err", err)
			hs.Close()
			return exitInvalid
		}
		load = w.load
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	loaded := make(chan struct{}) // closed when loading (and watching) ends
	go func() {
		defer close(loaded)
		cat, ix, err := loadIndex(fsys, load, o.index, log)
		if err != nil {
			cancel(err)
			return
		}
		srv.Publish(cat, ix, cat.Problems)
		if os.Getenv("GOGC") == "" {
			// Once the index is built, collect garbage a little sooner than
			// Go's default of 100: at 10,000 cases this keeps the server under
			// 400 MB with no loss in latency, and the build keeps its speed.
			debug.SetGCPercent(servingGCPercent)
		}
		log.Info("ready", "url", "http://"+addr+"/")
		if w != nil {
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
func loadIndex(fsys fs.FS, load func(fs.FS) (*catalog.Catalog, error), indexDir string, log *slog.Logger) (*catalog.Catalog, *search.Index, error) {
	start := time.Now()
	cat, err := load(fsys)
	if err != nil {
		return nil, nil, fmt.Errorf("loading the catalogue: %w", err)
	}
	for _, p := range cat.Problems {
		level := slog.LevelWarn
		if p.Severity == catalog.Warning {
			level = slog.LevelInfo
		}
		log.Log(context.Background(), level, "content problem", "problem", p.String())
	}
	if errs := len(cat.Problems.Errors()); errs > 0 {
		log.Warn("files with errors are left out; run 'casebook validate' for details", "errors", errs)
	}
	var ix *search.Index
	if indexDir != "" {
		ix, err = search.Open(cat, indexDir)
		if err == nil {
			o := ix.OpenStats()
			log.Info("search index on disk", "dir", indexDir, "reused", o.Reused, "rebuilt", o.Rebuilt,
				"added", o.Added, "changed", o.Changed, "removed", o.Removed)
		}
	} else {
		ix, err = search.New(cat)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("building the search index: %w", err)
	}
	log.Info("catalogue loaded", "cases", len(cat.Cases), "factors", len(cat.Factors), "problems", len(cat.Problems), "duration", time.Since(start).Round(time.Millisecond))
	return cat, ix, nil
}

// wrapHandler, if set, wraps the handler of the HTTP server serve starts.
// Only tests set it (e.g. to hold requests in flight at shutdown).
var wrapHandler func(http.Handler) http.Handler
