package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/web"
	"github.com/casebook/casebook/search"
)

// Timing of casebook serve --watch: a reload starts once no event has come
// for watchQuiet (editors write a temporary file and rename it, in several
// events), and at the latest watchMaxDelay after the first event of a burst.
const (
	watchQuiet    = 150 * time.Millisecond
	watchMaxDelay = time.Second
	watchRetry    = 2 * time.Second // after a failed index update
)

// watcher keeps a catalogue folder in a catalog.Tree and, while it runs,
// applies the paths that change, updates the search index incrementally and
// swaps the server's state (casebook serve --watch). The Tree decides what
// is published (a file whose new version has errors keeps its last good
// version). Only the goroutine that calls scan and then run touches a
// watcher's fields.
type watcher struct {
	root string // the content folder, absolute
	fsys fs.FS  // the content folder, for reading files as catalog.Load does
	log  *slog.Logger
	fsw  *fsnotify.Watcher
	dirs map[string]bool // folders being watched, relative to root with slashes
	tree *catalog.Tree   // the content files, parsed

	ix       *search.Index      // index of the catalogue being served
	problems catalog.ProblemLog // logs problems as they come and go
	behind   bool               // the kept files changed but the last update failed
}

// newWatcher starts watching the content folder dir. Call scan (or load)
// to read it, then run; Close it when done.
func newWatcher(dir string, log *slog.Logger) (*watcher, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch %s: %w", dir, err)
	}
	w := &watcher{problems: catalog.ProblemLog{Max: 20}, root: root, fsys: os.DirFS(root), log: log, fsw: fsw,
		dirs: map[string]bool{}, tree: catalog.NewTree()}
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, fmt.Errorf("cannot watch %s: %w", dir, err)
	}
	w.dirs["."] = true
	return w, nil
}

// Close stops watching. It may be called more than once.
func (w *watcher) Close() error { return w.fsw.Close() }

// load has the signature of catalog.Load, for loadState: it scans the
// watched folder, which is the folder fsys reads.
func (w *watcher) load(fs.FS) (*catalog.Catalog, error) { return w.scan(), nil }

// scan reads the whole folder, watches every folder of cases and factors,
// and returns the catalogue, the same one catalog.Load would return.
func (w *watcher) scan() *catalog.Catalog {
	w.apply(w.everything())
	cat := w.tree.Catalog()
	w.problems.Seen(cat.Problems) // loadState logs them
	return cat
}

// everything is the set of paths that covers the whole catalogue.
func (w *watcher) everything() map[string]bool {
	all := map[string]bool{}
	for _, p := range catalog.Everything {
		all[p] = true
	}
	return all
}

// run reloads the served catalogue after changes until ctx is done or the
// watcher is closed. ix is the index srv serves, of the catalogue scan
// returned; each reload publishes an updated one.
func (w *watcher) run(ctx context.Context, srv *web.Server, ix *search.Index) {
	w.ix = ix
	w.log.Info("watching for changes", "folder", w.root)

	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var first time.Time // of the burst being collected
	schedule := func() {
		now := time.Now()
		if first.IsZero() {
			first = now
		}
		timer.Reset(max(0, min(watchQuiet, watchMaxDelay-now.Sub(first))))
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if rel, ok := w.relevant(ev.Name); ok {
				pending[rel] = true
				schedule()
			} else if filepath.Clean(ev.Name) == w.root && ev.Has(fsnotify.Remove|fsnotify.Rename) {
				w.log.Warn("the content folder was removed or renamed: changes are no longer seen; restart casebook serve", "folder", w.root)
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.log.Warn("too many changes at once; reading the whole content folder again")
				for p := range w.everything() {
					pending[p] = true
				}
				schedule()
				continue
			}
			w.log.Warn("watching the content folder", "err", err)
		case <-timer.C:
			batch := pending
			pending, first = map[string]bool{}, time.Time{}
			w.reload(srv, batch)
			if w.behind {
				timer.Reset(watchRetry)
			}
		}
	}
}

// relevant turns an event's file name into a path relative to the content
// root, and reports whether it may concern the catalogue: anything below
// cases/ or factors/, those folders themselves, and synonyms.yaml.
func (w *watcher) relevant(name string) (string, bool) {
	rel, err := filepath.Rel(w.root, name)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	return rel, catalog.MayHoldContent(rel)
}

// reload applies a batch of changed paths and, if the catalogue changed,
// updates the index and swaps in the new state.
func (w *watcher) reload(srv *web.Server, batch map[string]bool) {
	start := time.Now()
	if !w.apply(batch) && !w.behind {
		return
	}
	cat := w.tree.Catalog()
	ix, stats, err := w.ix.Update(cat)
	if err != nil {
		// The old index and state keep serving. Update compares with the
		// catalogue of the index it is given, so a retry catches up.
		w.behind = true
		w.log.Error("cannot update the search index; still serving the previous catalogue, retrying", "err", err)
		return
	}
	w.ix, w.behind = ix, false
	srv.Publish(cat, ix, cat.Problems) // the old index shares its storage: never close it
	w.problems.Report(w.log, cat.Problems)
	for _, p := range w.tree.Stale() {
		if batch[p] {
			w.log.Warn("serving the last good version until the errors are fixed", "file", p)
		}
	}
	w.log.Info("content reloaded", "added", stats.Added, "changed", stats.Changed, "removed", stats.Removed,
		"cases", len(cat.Cases), "factors", len(cat.Factors), "problems", len(cat.Problems),
		"duration", time.Since(start).Round(time.Millisecond))
}

// apply brings the tree up to date with the paths in batch (files or
// folders, relative to root), watches the content folders it now holds and
// no others, and reports whether anything changed.
func (w *watcher) apply(batch map[string]bool) bool {
	changed := w.tree.Apply(w.fsys, slices.Sorted(maps.Keys(batch)))
	dirs := w.tree.Dirs()
	for _, d := range slices.Sorted(maps.Keys(w.dirs)) {
		if d != "." && !slices.Contains(dirs, d) {
			// The kernel drops the watch of a removed folder by itself; a
			// folder moved elsewhere would go on reporting under its old name.
			_ = w.fsw.Remove(w.abs(d))
			delete(w.dirs, d)
		}
	}
	var added []string
	for _, d := range dirs {
		if w.dirs[d] {
			continue
		}
		if err := w.fsw.Add(w.abs(d)); err != nil {
			w.log.Warn("cannot watch a content folder; changes in it are not seen", "folder", d, "err", err)
			continue
		}
		w.dirs[d] = true
		added = append(added, d)
	}
	// Files written into a new folder before its watch began: read it again.
	if len(added) > 0 && w.tree.Apply(w.fsys, added) {
		changed = true
	}
	return changed
}

func (w *watcher) abs(p string) string { return filepath.Join(w.root, filepath.FromSlash(p)) }
