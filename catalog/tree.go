package catalog

import (
	"cmp"
	"crypto/sha256"
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/casebook/casebook/internal/parallel"
)

// Tree is a catalogue folder kept in memory file by file, so that changes
// can be applied without reading everything again (casebook serve --watch).
//
// A case or factor file whose latest version has any error, its own or
// against the rest of the catalogue (an unknown factor, a slug another file
// has), is not published in that form: its last published version stays, or,
// for a file never published, nothing. A deleted factor file that cases still
// use keeps its factor served from its last version. Of two files with one
// slug, the one the tree saw first keeps it.
//
// A Tree is not safe for concurrent use; the catalogues it returns are.
type Tree struct {
	files   map[string]*treeFile // content files by path relative to the root
	dirs    map[string]bool      // content folders seen, relative to the root
	deleted map[string]*Factor   // deleted factor files still served, by slug
	folders map[string]Problems  // folders that could not be read, by the path walked
	seq     int                  // order in which files were first seen
	given   bool                 // built by Assemble from parsed files, not from a folder
}

// treeFile is what a Tree keeps of one content file.
type treeFile struct {
	seq      int               // when the tree first saw the file
	sum      [sha256.Size]byte // of the bytes last read; zero when they could not be read
	problems Problems          // of the latest version, found in the file alone

	// Cases: the latest version (partial when it has errors of its own, nil
	// when it could not be read) and the version last published.
	latest, published *Case
	// Factors: the latest version without errors of its own, and the last published.
	latestFactor, publishedFactor *Factor
	// Synonyms: the groups of the latest version that parsed, and whether
	// some version had no errors (then groups is the last such version).
	groups [][]string
	good   bool

	stale bool // the latest version has errors; an earlier one is served
}

// NewTree returns an empty tree; Apply fills it.
func NewTree() *Tree {
	return &Tree{files: map[string]*treeFile{}, dirs: map[string]bool{}, deleted: map[string]*Factor{}, folders: map[string]Problems{}}
}

// Everything is the list of paths that, given to Apply, covers the whole catalogue.
var Everything = []string{"cases", "factors", SynonymsFile}

// Apply brings the tree up to date with the paths changed in fsys: files or
// folders, relative to the catalogue root with forward slashes ("." or
// Everything for all). It reads and parses, in parallel, the content files
// whose bytes changed, and reports whether anything kept changed.
func (t *Tree) Apply(fsys fs.FS, changed []string) bool {
	paths := slices.Clone(changed)
	slices.Sort(paths)
	paths = slices.Compact(paths)
	if slices.Contains(paths, ".") {
		paths = Everything
	}
	any := false
	files := map[string]bool{}
	for _, p := range paths {
		info, err := fs.Stat(fsys, p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			any = t.forget(p) || any
		case err == nil && info.IsDir():
			if !isContentDir(p) {
				continue
			}
			any = t.forgetFile(p) || any
			found, ps := t.walk(fsys, p)
			t.folders[p] = ps
			for q := range t.files {
				if under(q, p) && !found[q] {
					any = t.forgetFile(q) || any
				}
			}
			maps.Copy(files, found)
		default:
			any = t.forgetBelow(p) || any
			if IsContentPath(p) {
				files[p] = true
			}
		}
	}
	return t.refresh(fsys, slices.SortedFunc(maps.Keys(files), byDepth)) || any
}

// Dirs lists the content folders the tree has seen (cases, factors and the
// folders below them, not hidden ones), sorted: the folders a watcher watches.
func (t *Tree) Dirs() []string { return slices.Sorted(maps.Keys(t.dirs)) }

// Stale lists, sorted, the files whose latest version has errors while an
// earlier version is served.
func (t *Tree) Stale() []string {
	var out []string
	for p, f := range t.files {
		if f.stale {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// byDepth orders paths by their number of folders, then by name, so that in
// a first scan cases/x.md is seen before cases/archive/x.md.
func byDepth(a, b string) int {
	if da, db := strings.Count(a, "/"), strings.Count(b, "/"); da != db {
		return da - db
	}
	return strings.Compare(a, b)
}

// walk lists the content files below the folder p and records its folders.
func (t *Tree) walk(fsys fs.FS, p string) (map[string]bool, Problems) {
	found := map[string]bool{}
	var problems Problems
	err := fs.WalkDir(fsys, p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			if q == p && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			problems = append(problems, Problem{File: q, Severity: Error, Message: "cannot read folder: " + err.Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if !isContentDir(q) {
				return fs.SkipDir
			}
			t.dirs[q] = true
			return nil
		}
		if IsContentPath(q) {
			found[q] = true
		}
		return nil
	})
	if err != nil {
		problems = append(problems, Problem{File: p, Severity: Error, Message: "cannot read folder: " + err.Error()})
	}
	return found, problems
}

// MayHoldContent reports whether a change at p (a file or folder, relative
// to the catalogue root) may concern the catalogue: synonyms.yaml, or cases/,
// factors/ or anything below them that is not hidden. A watcher hands such
// paths to Apply.
func MayHoldContent(p string) bool {
	return p == SynonymsFile || isContentDir(p)
}

// isContentDir reports whether the folder p (relative to the root) may hold
// content files: cases, factors or a folder below them that is not hidden.
func isContentDir(p string) bool {
	top, _, _ := strings.Cut(p, "/")
	return (top == "cases" || top == "factors") && !hidden(p)
}

// hidden reports whether a part of p starts with a dot.
func hidden(p string) bool {
	for part := range strings.SplitSeq(p, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}

// under reports whether p lies below the folder dir.
func under(p, dir string) bool {
	return strings.HasPrefix(p, dir+"/") || dir == "."
}

// forget drops what is kept of p: a file, or a folder and all below it.
func (t *Tree) forget(p string) bool {
	changed := t.forgetFile(p)
	return t.forgetBelow(p) || changed
}

// forgetBelow drops what is kept below the folder p.
func (t *Tree) forgetBelow(p string) bool {
	changed := false
	for q := range t.files {
		if under(q, p) {
			changed = t.forgetFile(q) || changed
		}
	}
	for d := range t.dirs {
		if d == p || under(d, p) {
			delete(t.dirs, d)
		}
	}
	for d := range t.folders {
		if d == p || under(d, p) {
			delete(t.folders, d)
		}
	}
	return changed
}

// forgetFile drops the file p. A factor it served is kept aside, in case
// cases still use it.
func (t *Tree) forgetFile(p string) bool {
	f, ok := t.files[p]
	if !ok {
		return false
	}
	if fa := cmp.Or(f.publishedFactor, f.latestFactor); fa != nil {
		t.deleted[fa.Slug] = fa
	}
	delete(t.files, p)
	return true
}

// parsed is one content file, read and, unless its bytes are unchanged, parsed.
type parsed struct {
	missing  bool  // the file is gone
	readErr  error // it cannot be read
	same     bool  // its bytes are those read last time
	sum      [sha256.Size]byte
	problems Problems
	kase     *Case
	factor   *Factor
	groups   [][]string
}

// refresh reads the files paths, parses those whose bytes changed, in
// parallel, and keeps the results.
func (t *Tree) refresh(fsys fs.FS, paths []string) bool {
	prev := make([][sha256.Size]byte, len(paths))
	for i, p := range paths {
		if f := t.files[p]; f != nil {
			prev[i] = f.sum
		}
	}
	results := make([]parsed, len(paths))
	parallel.For(len(paths), 0, func(i int) { results[i] = parseFile(fsys, paths[i], prev[i]) })
	changed := false
	for i, r := range results {
		changed = t.keep(paths[i], r) || changed
	}
	return changed
}

// parseFile reads and parses the content file p; prev is the sum of the
// bytes last read.
func parseFile(fsys fs.FS, p string, prev [sha256.Size]byte) parsed {
	var r parsed
	data, err := fs.ReadFile(fsys, p)
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
	switch kindOf(p) {
	case kindSynonyms:
		r.groups, r.problems = ParseSynonyms(p, data)
	case kindCase:
		r.kase, r.problems = parseCase(p, data)
	default:
		r.factor, r.problems = ParseFactor(p, data)
	}
	return r
}

// keep records a parsed file: its latest problems and its latest version.
func (t *Tree) keep(p string, r parsed) bool {
	if r.missing {
		return t.forgetFile(p)
	}
	if r.same {
		return false
	}
	f := t.files[p]
	if f == nil {
		t.seq++
		f = &treeFile{seq: t.seq}
		t.files[p] = f
	}
	f.sum, f.problems = r.sum, r.problems
	switch {
	case r.readErr != nil:
		f.problems = Problems{{File: p, Severity: Error, Message: "cannot read file: " + r.readErr.Error()}}
		f.latest, f.latestFactor = nil, nil
	case kindOf(p) == kindSynonyms:
		switch {
		case !r.problems.HasErrors():
			f.groups, f.good = r.groups, true
		case !f.good:
			f.groups = r.groups // the groups that parsed
		}
	default:
		f.latest, f.latestFactor = r.kase, r.factor
	}
	return true
}

// fileKind is what a content file holds.
type fileKind int

const (
	kindCase fileKind = iota
	kindFactor
	kindSynonyms
)

func kindOf(p string) fileKind {
	switch {
	case p == SynonymsFile:
		return kindSynonyms
	case strings.HasPrefix(p, "cases/"):
		return kindCase
	}
	return kindFactor
}

// IsContentPath reports whether a path relative to the catalogue root is a
// content file: a case or factor (.md below cases/ or factors/, not
// README.md, nothing hidden) or synonyms.yaml.
func IsContentPath(p string) bool {
	if p == SynonymsFile {
		return true
	}
	name := path.Base(p)
	if !strings.HasSuffix(name, ".md") || strings.EqualFold(name, "README.md") || hidden(p) {
		return false
	}
	return strings.HasPrefix(p, "cases/") || strings.HasPrefix(p, "factors/")
}
