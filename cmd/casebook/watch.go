package main

import (
	"context"
	"io/fs"
	"log/slog"
	"os"
	"slices"
	"time"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/fswatch"
	"github.com/casebook/casebook/internal/web"
	"github.com/casebook/casebook/search"
)

// watcher keeps a content folder in a catalog.Tree and, while it runs,
// applies the paths that change (fswatch batches them), updates the search
// index incrementally and publishes the new catalogue (serve --watch). The
// Tree decides what is published: a file whose new version has errors keeps
// its last good version. Only the goroutine that calls load, then run,
// touches a watcher's fields.
type watcher struct {
	fsw      *fswatch.Watcher
	fsys     fs.FS // the content folder, read as catalog.Load does
	log      *slog.Logger
	tree     *catalog.Tree
	ix       *search.Index      // index of the catalogue being served
	problems catalog.ProblemLog // logs problems as they come and go
	behind   bool               // the tree changed but the last index update failed
	reloaded func(ok bool)      // if set, told whether each reload succeeded (metrics)
}

// newWatcher starts watching the content folder dir. Call load to read
// it, then run; Close it when done.
func newWatcher(dir string, log *slog.Logger) (*watcher, error) {
	fsw, err := fswatch.New(dir, catalog.MayHoldContent, log)
	if err != nil {
		return nil, err
	}
	return &watcher{fsw: fsw, fsys: os.DirFS(fsw.Root()), log: log, tree: catalog.NewTree(), problems: catalog.ProblemLog{Max: 20}}, nil
}

// Close stops watching. It may be called more than once.
func (w *watcher) Close() error { return w.fsw.Close() }

// load has the signature of catalog.Load, for loadIndex: it reads the
// whole watched folder (the folder fsys reads), watches every folder of
// cases and factors, and returns the catalogue catalog.Load would return.
func (w *watcher) load(fs.FS) (*catalog.Catalog, error) {
	w.apply(catalog.Everything)
	return w.tree.Catalog(), nil
}

// run publishes the catalogue again after each change until ctx is done or
// the watcher is closed. ix is the index srv serves, of the catalogue load
// returned.
func (w *watcher) run(ctx context.Context, srv *web.Server, ix *search.Index) {
	w.ix = ix
	w.log.Info("watching for changes", "folder", w.fsw.Root())
	w.fsw.Run(ctx, catalog.Everything, func(batch []string) bool { return w.reload(srv, batch) })
}

// reload applies a batch of changed paths and, if the catalogue changed,
// updates the index and publishes the new catalogue. It reports false when
// the index could not be updated, to be called again.
func (w *watcher) reload(srv *web.Server, batch []string) bool {
	start := time.Now()
	if !w.apply(batch) && !w.behind {
		return true
	}
	cat := w.tree.Catalog()
	ix, stats, err := w.ix.Update(cat)
	if w.reloaded != nil {
		w.reloaded(err == nil)
	}
	if err != nil {
		// The old index keeps serving. Update compares with the catalogue
		// of the index it is given, so a retry catches up.
		w.behind = true
		w.log.Error("cannot update the search index; still serving the previous catalogue, retrying", "err", err)
		return false
	}
	w.ix, w.behind = ix, false
	srv.PublishVersion(cat, ix, cat.Problems, w.tree.Version()) // the old index shares its storage: never close it
	w.problems.Report(w.log, cat.Problems)
	for _, p := range w.tree.Stale() {
		if slices.Contains(batch, p) {
			w.log.Warn("serving the last good version until the errors are fixed", "file", p)
		}
	}
	w.log.Info("content reloaded", "added", stats.Added, "changed", stats.Changed, "removed", stats.Removed,
		"cases", len(cat.Cases), "factors", len(cat.Factors), "problems", len(cat.Problems),
		"duration", time.Since(start).Round(time.Millisecond))
	return true
}

// apply brings the tree up to date with the paths in batch (files or
// folders), watches the content folders it now holds and no others, and
// reports whether anything changed.
func (w *watcher) apply(batch []string) bool {
	changed := w.tree.Apply(w.fsys, batch)
	// Files written into a new folder before its watch began: read it again.
	if added := w.fsw.Watch(w.tree.Dirs()); len(added) > 0 && w.tree.Apply(w.fsys, added) {
		changed = true
	}
	return changed
}
