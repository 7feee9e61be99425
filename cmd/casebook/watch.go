package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/parallel"
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

// watcher keeps the parsed files of a catalogue folder and, while it runs,
// re-parses the files that change, rebuilds the catalogue from what it
// keeps, updates the search index incrementally and swaps the server's
// state (casebook serve --watch).
//
// A file whose new version has errors keeps its last good version serving
// and its problems reported; a file that is removed is dropped. Only the
// goroutine that calls scan and then run touches a watcher's fields.
type watcher struct {
	root  string // the content folder, absolute
	fsys  fs.FS  // the content folder, for reading files as catalog.Load does
	log   *slog.Logger
	fsw   *fsnotify.Watcher
	dirs  map[string]bool         // folders being watched, relative to root with slashes
	files map[string]*watchedFile // content files by path relative to root

	ix       *search.Index   // index of the catalogue being served
	reported map[string]bool // problems last reported, as text
	behind   bool            // the kept files changed but the last update failed
	reloaded func(ok bool)   // if set, told whether each reload succeeded (metrics)
}

// watchedFile is what the watcher keeps of one content file.
type watchedFile struct {
	sum      [sha256.Size]byte // of the bytes last read; zero when they could not be read
	problems catalog.Problems  // of the latest version
	stale    bool              // the latest version has errors; an earlier one is served

	// The last good version: at most one is set, by the kind of file.
	kase     *catalog.Case
	factor   *catalog.Factor
	synonyms [][]string
	good     bool // synonyms: some version had no errors
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
	w := &watcher{root: root, fsys: os.DirFS(root), log: log, fsw: fsw,
		dirs: map[string]bool{}, files: map[string]*watchedFile{}, reported: map[string]bool{}}
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

// scan reads the whole folder, watching every folder of cases and factors
// first so that no change is missed, and returns the catalogue, the same
// one catalog.Load would return.
func (w *watcher) scan() *catalog.Catalog {
	w.apply(w.everything())
	cat := w.assemble()
	for _, p := range cat.Problems {
		w.reported[p.String()] = true
	}
	return cat
}

// everything is the set of paths that covers the whole catalogue.
func (w *watcher) everything() map[string]bool {
	return map[string]bool{"cases": true, "factors": true, catalog.SynonymsFile: true}
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
	top, _, _ := strings.Cut(rel, "/")
	switch {
	case rel == catalog.SynonymsFile:
		return rel, true
	case top == "cases" || top == "factors":
		return rel, !hiddenBelow(rel)
	}
	return "", false
}

// hiddenBelow reports whether a path lies in, or is, a hidden file or folder
// below its top folder, which catalog.Load skips.
func hiddenBelow(p string) bool {
	_, rest, _ := strings.Cut(p, "/")
	for _, seg := range strings.Split(rest, "/") {
		if strings.HasPrefix(seg, ".") {
			return true
		}
	}
	return false
}

// isContentFile reports whether p is a file catalog.Load reads.
func isContentFile(p string) bool {
	return catalog.IsContentPath(p) && !hiddenBelow(p)
}

// reload applies a batch of changed paths and, if the catalogue changed,
// updates the index and swaps in the new state.
func (w *watcher) reload(srv *web.Server, batch map[string]bool) {
	start := time.Now()
	if !w.apply(batch) && !w.behind {
		return
	}
	cat := w.assemble()
	ix, stats, err := w.ix.Update(cat)
	if w.reloaded != nil {
		w.reloaded(err == nil)
	}
	if err != nil {
		// The old index and state keep serving. Update compares with the
		// catalogue of the index it is given, so a retry catches up.
		w.behind = true
		w.log.Error("cannot update the search index; still serving the previous catalogue, retrying", "err", err)
		return
	}
	w.ix, w.behind = ix, false
	srv.Publish(cat, ix, cat.Problems) // the old index shares its storage: never close it
	w.logProblems(cat.Problems)
	for _, p := range slices.Sorted(maps.Keys(w.files)) {
		if f := w.files[p]; f.stale && batch[p] {
			w.log.Warn("serving the last good version until the errors are fixed", "file", p)
		}
	}
	w.log.Info("content reloaded", "added", stats.Added, "changed", stats.Changed, "removed", stats.Removed,
		"cases", len(cat.Cases), "factors", len(cat.Factors), "problems", len(cat.Problems),
		"duration", time.Since(start).Round(time.Millisecond))
}

// maxLoggedProblems is how many new, and how many fixed, problems a reload
// logs one by one; the rest are counted.
const maxLoggedProblems = 20

// logProblems logs the problems that are new since the last report and
// those that are fixed.
func (w *watcher) logProblems(ps catalog.Problems) {
	now := make(map[string]bool, len(ps))
	added := 0
	for _, p := range ps {
		s := p.String()
		now[s] = true
		if w.reported[s] {
			continue
		}
		if added++; added > maxLoggedProblems {
			continue
		}
		level := slog.LevelWarn
		if p.Severity == catalog.Warning {
			level = slog.LevelInfo
		}
		w.log.Log(context.Background(), level, "content problem", "problem", s)
	}
	if added > maxLoggedProblems {
		w.log.Warn("more content problems; see /api/v1/problems or run casebook validate", "count", added-maxLoggedProblems)
	}
	fixed := 0
	for _, s := range slices.Sorted(maps.Keys(w.reported)) {
		if now[s] {
			continue
		}
		if fixed++; fixed <= maxLoggedProblems {
			w.log.Info("content problem fixed", "problem", s)
		}
	}
	if fixed > maxLoggedProblems {
		w.log.Info("more content problems fixed", "count", fixed-maxLoggedProblems)
	}
	w.reported = now
}

// apply brings the kept files up to date with the paths in batch (files or
// folders, relative to root) and reports whether anything changed.
func (w *watcher) apply(batch map[string]bool) bool {
	paths := slices.Sorted(maps.Keys(batch))
	changed := false
	// Paths that are gone first, so that a folder renamed within the
	// catalogue is no longer watched under its old name when it is added
	// under the new one.
	var present []string
	files := map[string]bool{}
	for _, p := range paths {
		if _, err := fs.Stat(w.fsys, p); errors.Is(err, fs.ErrNotExist) {
			changed = w.forget(p) || changed
			continue
		}
		present = append(present, p)
	}
	for _, p := range present {
		info, err := fs.Stat(w.fsys, p)
		switch {
		case err == nil && info.IsDir():
			if p == catalog.SynonymsFile || hiddenBelow(p) {
				continue
			}
			changed = w.forgetFile(p) || changed
			found, gone := w.addTree(p)
			changed = gone || changed
			for _, q := range found {
				files[q] = true
			}
		default:
			changed = w.forgetBelow(p) || changed
			if isContentFile(p) {
				files[p] = true
			}
		}
	}
	return w.refresh(slices.Sorted(maps.Keys(files))) || changed
}

// addTree watches the folder p and every folder below it, forgets kept
// files under p that are no longer there, and returns the content files in
// it and whether it forgot any.
func (w *watcher) addTree(p string) (files []string, changed bool) {
	found := map[string]bool{}
	err := fs.WalkDir(w.fsys, p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			if q == p && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			w.log.Warn("cannot read a content folder", "folder", q, "err", err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if q != p && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			if !w.dirs[q] {
				if err := w.fsw.Add(w.abs(q)); err != nil {
					w.log.Warn("cannot watch a content folder; changes in it are not seen", "folder", q, "err", err)
				} else {
					w.dirs[q] = true
				}
			}
			return nil
		}
		if isContentFile(q) {
			found[q] = true
		}
		return nil
	})
	if err != nil {
		w.log.Warn("cannot read a content folder", "folder", p, "err", err)
	}
	for q := range w.files {
		if under(q, p) && !found[q] {
			changed = w.forgetFile(q) || changed
		}
	}
	return slices.Sorted(maps.Keys(found)), changed
}

// forget drops what is kept of p: a file, or a folder and all below it.
func (w *watcher) forget(p string) bool {
	changed := w.forgetFile(p)
	return w.forgetBelow(p) || changed
}

// forgetBelow drops what is kept below the folder p and stops watching it
// and the folders in it.
func (w *watcher) forgetBelow(p string) bool {
	changed := false
	for q := range w.files {
		if under(q, p) {
			changed = w.forgetFile(q) || changed
		}
	}
	for _, d := range slices.Sorted(maps.Keys(w.dirs)) {
		if d == p || under(d, p) {
			// The kernel drops the watch of a removed folder by itself; a
			// folder moved elsewhere would go on reporting under its old name.
			_ = w.fsw.Remove(w.abs(d))
			delete(w.dirs, d)
		}
	}
	return changed
}

func (w *watcher) forgetFile(p string) bool {
	if _, ok := w.files[p]; !ok {
		return false
	}
	delete(w.files, p)
	return true
}

// refresh reads the content files paths and parses those whose bytes
// changed, in parallel, and keeps the results.
func (w *watcher) refresh(paths []string) bool {
	prev := make([][sha256.Size]byte, len(paths))
	for i, p := range paths {
		if f := w.files[p]; f != nil {
			prev[i] = f.sum
		}
	}
	results := make([]parsed, len(paths))
	parallel.For(len(paths), 0, func(i int) { results[i] = w.parse(paths[i], prev[i]) })
	changed := false
	for _, r := range results {
		changed = w.keep(r) || changed
	}
	return changed
}

// parsed is one content file, read and, unless its bytes are unchanged,
// parsed.
type parsed struct {
	path     string
	missing  bool  // the file is gone
	readErr  error // it cannot be read
	same     bool  // its bytes are those read last time
	sum      [sha256.Size]byte
	problems catalog.Problems
	kase     *catalog.Case
	factor   *catalog.Factor
	synonyms [][]string
}

// parse reads and parses the content file p; prev is the sum of the bytes
// last read. It touches no field of w but fsys, so calls may run in parallel.
func (w *watcher) parse(p string, prev [sha256.Size]byte) parsed {
	r := parsed{path: p}
	data, err := fs.ReadFile(w.fsys, p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		r.missing = true
		return r
	case err != nil:
		r.readErr = err
		return r
	}
	r.sum = sha256.Sum256(data)
	if r.sum == prev {
		r.same = true
		return r
	}
	switch {
	case p == catalog.SynonymsFile:
		r.synonyms, r.problems = catalog.ParseSynonyms(p, data)
	case strings.HasPrefix(p, "cases/"):
		r.kase, r.problems = catalog.ParseCase(p, data)
	default:
		r.factor, r.problems = catalog.ParseFactor(p, data)
	}
	return r
}

// keep records a parsed file: its latest problems and, if it has no
// errors, its new version; else the last good version stays.
func (w *watcher) keep(r parsed) bool {
	p := r.path
	if r.missing {
		return w.forgetFile(p)
	}
	if r.same {
		return false
	}
	f := w.files[p]
	if f == nil {
		f = &watchedFile{}
		w.files[p] = f
	}
	f.sum, f.problems = r.sum, r.problems
	switch {
	case r.readErr != nil:
		f.problems = catalog.Problems{{File: p, Severity: catalog.Error, Message: "cannot read file: " + r.readErr.Error()}}
		f.stale = f.kase != nil || f.factor != nil || f.good
	case p == catalog.SynonymsFile:
		switch {
		case !r.problems.HasErrors():
			f.synonyms, f.good, f.stale = r.synonyms, true, false
		case !f.good:
			f.synonyms = r.synonyms // as catalog.Load does: the groups that parsed
		default:
			f.stale = true
		}
	case strings.HasPrefix(p, "cases/"):
		if r.kase != nil {
			f.kase, f.stale = r.kase, false
		} else {
			f.stale = f.kase != nil
		}
	default:
		if r.factor != nil {
			f.factor, f.stale = r.factor, false
		} else {
			f.stale = f.factor != nil
		}
	}
	return true
}

// assemble builds a catalogue from the kept files, with the problems of
// their latest versions.
func (w *watcher) assemble() *catalog.Catalog {
	var (
		cases                  []*catalog.Case
		factors                []*catalog.Factor
		synonyms               [][]string
		problems               catalog.Problems
		caseFiles, factorFiles int
	)
	for p, f := range w.files {
		problems = append(problems, f.problems...)
		switch {
		case p == catalog.SynonymsFile:
			synonyms = f.synonyms
		case strings.HasPrefix(p, "cases/"):
			caseFiles++
			if f.kase != nil {
				cases = append(cases, f.kase)
			}
		default:
			factorFiles++
			if f.factor != nil {
				factors = append(factors, f.factor)
			}
		}
	}
	if caseFiles == 0 {
		problems = append(problems, catalog.Problem{File: "cases", Severity: catalog.Warning, Message: "no case files (cases/*.md) found"})
	}
	if factorFiles == 0 {
		problems = append(problems, catalog.Problem{File: "factors", Severity: catalog.Error, Message: "no factor files (factors/*.md) found"})
	}
	return catalog.Assemble(cases, factors, synonyms, problems)
}

func (w *watcher) abs(p string) string { return filepath.Join(w.root, filepath.FromSlash(p)) }

// under reports whether p lies below the folder dir.
func under(p, dir string) bool {
	return strings.HasPrefix(p, dir+"/") || dir == "."
}
