// Package fswatch watches a folder and chosen subfolders for changes and
// delivers them in batches: the paths that changed, relative to the folder,
// once a burst of events has settled (editors write a temporary file and
// rename it, in several events). It imports nothing of Casebook's.
package fswatch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"path/filepath"
	"slices"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Timing of a Watcher: a batch is delivered once no event has come for
// Quiet, and at the latest MaxDelay after the first event of a burst; after
// a batch that fails, the Watcher calls again after Retry.
const (
	Quiet    = 150 * time.Millisecond
	MaxDelay = time.Second
	Retry    = 2 * time.Second
)

// Watcher watches a root folder and the subfolders given to Watch. Only
// the goroutine that calls Watch and Run may use it; Close may be called
// from any.
type Watcher struct {
	root     string // absolute
	fsw      *fsnotify.Watcher
	dirs     map[string]bool       // watched folders, relative to root with slashes
	relevant func(rel string) bool // whether a changed path matters
	log      *slog.Logger
}

// New starts watching the folder dir. relevant says which changed paths
// (relative to dir, with slashes) are delivered.
func New(dir string, relevant func(rel string) bool, log *slog.Logger) (*Watcher, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch %s: %w", dir, err)
	}
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, fmt.Errorf("cannot watch %s: %w", dir, err)
	}
	return &Watcher{root: root, fsw: fsw, dirs: map[string]bool{".": true}, relevant: relevant, log: log}, nil
}

// Root is the watched folder, absolute.
func (w *Watcher) Root() string { return w.root }

// Close stops watching and ends Run. It may be called more than once.
func (w *Watcher) Close() error { return w.fsw.Close() }

// Watch makes dirs (relative to the root, with slashes) the watched
// subfolders, and returns those newly watched: files written into them
// before their watch began are not reported, so the caller reads them.
func (w *Watcher) Watch(dirs []string) []string {
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
			w.log.Warn("cannot watch a folder; changes in it are not seen", "folder", d, "err", err)
			continue
		}
		w.dirs[d] = true
		added = append(added, d)
	}
	return added
}

// Watched reports whether the subfolder dir (relative to the root, with
// slashes) is being watched.
func (w *Watcher) Watched(dir string) bool { return w.dirs[dir] }

// Run calls apply with each batch of changed paths until ctx is done or
// the Watcher is closed. When events were lost (too many at once), the
// batch is everything. When apply returns false it is called again, with
// an empty batch if nothing else changed, after Retry.
func (w *Watcher) Run(ctx context.Context, everything []string, apply func(batch []string) bool) {
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
		timer.Reset(max(0, min(Quiet, MaxDelay-now.Sub(first))))
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if rel, ok := w.rel(ev.Name); ok && w.relevant(rel) {
				pending[rel] = true
				schedule()
			} else if filepath.Clean(ev.Name) == w.root && ev.Has(fsnotify.Remove|fsnotify.Rename) {
				w.log.Warn("the watched folder was removed or renamed: changes are no longer seen; restart", "folder", w.root)
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				w.log.Warn("watching a folder", "folder", w.root, "err", err)
				continue
			}
			w.log.Warn("too many changes at once; reading the whole folder again", "folder", w.root)
			for _, p := range everything {
				pending[p] = true
			}
			schedule()
		case <-timer.C:
			batch := slices.Sorted(maps.Keys(pending))
			pending, first = map[string]bool{}, time.Time{}
			if !apply(batch) {
				timer.Reset(Retry)
			}
		}
	}
}

// rel turns an event's file name into a path relative to the root.
func (w *Watcher) rel(name string) (string, bool) {
	rel, err := filepath.Rel(w.root, name)
	if err != nil {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func (w *Watcher) abs(p string) string { return filepath.Join(w.root, filepath.FromSlash(p)) }
