package search

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/casebook/casebook/catalog"
)

// The names in an index folder (see the comment on the internal values in
// persist.go for the layout).
const (
	versionPrefix = "v-"
	tmpPrefix     = ".tmp-"
	trashPrefix   = ".trash-"
	lockName      = "casebook.lock" // held by a build while it runs
	keepVersions  = 2               // versions kept even when no process serves them
	// staleBuild is how old a .tmp folder without a running build must be
	// before prune deletes it (a build takes its lock at once).
	staleBuild = time.Minute
	// lockProbe is how long prune waits for a lock before it leaves a folder
	// alone as in use.
	lockProbe = 20 * time.Millisecond
)

// bleve's files in an index folder.
var bleveFiles = []string{"index_meta.json", "index_meta.json_temp", "store"}

// ensure builds want's version folder unless it is there. built says
// whether this call built it.
func ensure(cat *catalog.Catalog, root string, want *diskState) (st OpenStats, built bool, err error) {
	if _, err := os.Stat(filepath.Join(want.dir, "index_meta.json")); err == nil {
		return OpenStats{Reused: true, Dir: want.dir}, false, nil
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return st, false, fmt.Errorf("create the index folder: %w", err)
	}
	tmp, err := os.MkdirTemp(root, tmpPrefix)
	if err != nil {
		return st, false, fmt.Errorf("create a folder for the index build: %w", err)
	}
	defer os.RemoveAll(tmp) // after a rename, nothing is left there
	lock, err := bolt.Open(filepath.Join(tmp, lockName), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return st, false, fmt.Errorf("lock the index build: %w", err)
	}
	st, err = buildInto(cat, tmp, newestVersion(root, want.dir), want)
	if err == nil {
		err = os.Rename(tmp, want.dir)
		if err != nil {
			if _, serr := os.Stat(filepath.Join(want.dir, "index_meta.json")); serr == nil {
				err = nil // another process installed the same version first
			}
		}
	}
	lock.Close()
	os.Remove(filepath.Join(want.dir, lockName))
	if err != nil {
		return st, false, fmt.Errorf("build the index: %w", err)
	}
	st.Dir = want.dir
	return st, true, nil
}

// openSeed copies the version folder seed into tmp and opens the copy for
// writing, with the documents it holds. It returns a nil index, with the
// reason, when the seed cannot serve (another format, unreadable).
func openSeed(seed, tmp string, want *diskState) (bleve.Index, map[string][sha256.Size]byte, string) {
	if err := copyIndex(seed, tmp); err != nil {
		removeBleveFiles(tmp)
		return nil, nil, "cannot copy the previous version: " + err.Error()
	}
	idx, err := bleve.OpenUsing(tmp, runtimeConfig())
	if err != nil {
		removeBleveFiles(tmp)
		return nil, nil, "cannot open the previous version: " + err.Error()
	}
	reason := ""
	var old map[string][sha256.Size]byte
	if v, err := idx.GetInternal(keySchema); err != nil || !bytes.Equal(v, want.schema) {
		reason = "index format changed"
	} else if v, err := idx.GetInternal(keyComplete); err != nil || string(v) != "1" {
		reason = "previous version incomplete"
	} else if m, err := idx.GetInternal(keyManifest); err != nil {
		reason = "unreadable manifest"
	} else if old, err = parseManifest(m); err != nil {
		reason = "unreadable manifest"
	}
	if reason != "" {
		idx.Close()
		removeBleveFiles(tmp)
		return nil, nil, reason
	}
	return idx, old, ""
}

// newestVersion returns the most recently built version folder in root other
// than except, or "".
func newestVersion(root, except string) string {
	vs := versions(root)
	for _, v := range vs {
		if v != except {
			return v
		}
	}
	return ""
}

// versions lists root's version folders, newest first.
func versions(root string) []string {
	entries, _ := os.ReadDir(root)
	type dated struct {
		path string
		mod  time.Time
	}
	var vs []dated
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), versionPrefix) {
			continue
		}
		if info, err := e.Info(); err == nil {
			vs = append(vs, dated{filepath.Join(root, e.Name()), info.ModTime()})
		}
	}
	sort.Slice(vs, func(i, j int) bool { return vs[i].mod.After(vs[j].mod) })
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.path
	}
	return out
}

// copyIndex copies the bleve index in src to the empty folder dst. Segment
// files (.zap) are never changed once written, so they are hard-linked when
// the file system allows it.
func copyIndex(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil || rel == "." || rel == lockName {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.Mkdir(target, 0o755)
		}
		if strings.HasSuffix(path, ".zap") && os.Link(path, target) == nil {
			return nil
		}
		return copyFile(path, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// removeBleveFiles deletes bleve's files in dir and nothing else.
func removeBleveFiles(dir string) {
	for _, name := range bleveFiles {
		os.RemoveAll(filepath.Join(dir, name))
	}
}

// prune deletes, best effort, what no process needs in root: version
// folders older than the newest keepVersions (and not current) that no
// process holds open, builds whose process died, leftovers of deletions, and
// an index of the old layout (bleve's files in root itself) nobody holds.
func prune(root, current string) {
	for i, v := range versions(root) {
		if i >= keepVersions && v != current {
			removeIfUnused(root, v)
		}
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		path := filepath.Join(root, e.Name())
		switch {
		case !e.IsDir():
		case strings.HasPrefix(e.Name(), trashPrefix):
			os.RemoveAll(path)
		case strings.HasPrefix(e.Name(), tmpPrefix):
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleBuild && !buildRunning(path) {
				os.RemoveAll(path)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(root, "index_meta.json")); err == nil {
		if unlock, ok := lockIndex(root); ok {
			removeBleveFiles(root)
			unlock()
		}
	}
}

// buildRunning reports whether a build holds the lock in the .tmp folder
// dir.
func buildRunning(dir string) bool {
	path := filepath.Join(dir, lockName)
	if _, err := os.Stat(path); err != nil {
		return false
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: lockProbe})
	if err != nil {
		return errors.Is(err, bolt.ErrTimeout)
	}
	db.Close()
	return false
}

// lockIndex takes the exclusive lock of the index in dir, which fails while
// any process has the index open. A folder without a readable lock file is
// nobody's: ok is true and there is nothing to unlock.
func lockIndex(dir string) (unlock func(), ok bool) {
	path := filepath.Join(dir, "store", "root.bolt")
	if _, err := os.Stat(path); err != nil {
		return func() {}, true
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockProbe})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, false
	}
	if err != nil {
		return func() {}, true
	}
	return func() { db.Close() }, true
}

// removeIfUnused deletes the version folder dir unless a process has it
// open. Holding its lock, it first renames the folder, so that no process
// starts to open it meanwhile; a process that was already waiting for the
// lock fails to load it and starts over.
func removeIfUnused(root, dir string) {
	unlock, ok := lockIndex(dir)
	if !ok {
		return
	}
	defer unlock()
	// A fresh name: os.Rename refuses to replace even an empty folder.
	trash, err := os.MkdirTemp(root, trashPrefix)
	if err != nil || os.Remove(trash) != nil || os.Rename(dir, trash) != nil {
		return
	}
	os.RemoveAll(trash)
}
