package search

import (
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/corpus"
	"github.com/casebook/casebook/internal/parallel"
)

func loadMapFS(t *testing.T, fsys fstest.MapFS) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range cat.Problems {
		if p.Severity == catalog.Error {
			t.Fatalf("problem: %s", p)
		}
	}
	return cat
}

func openT(t *testing.T, cat *catalog.Catalog, dir string) *Index {
	t.Helper()
	ix, err := Open(cat, dir)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func total(t *testing.T, ix *Index, text string) int {
	t.Helper()
	resp := ix.mustSearch(t, Query{Text: text})
	return resp.Total
}

func TestOpenPersistent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	fsys := corpus.Generate(60, 1).FS()
	cat := loadMapFS(t, fsys)
	n := len(cat.Cases)

	// A new folder: built from scratch.
	ix := openT(t, cat, dir)
	if st := ix.OpenStats(); st.Reused || st.Rebuilt == "" || st.Added != n || st.Changed+st.Removed != 0 {
		t.Fatalf("first open: %+v", st)
	}
	want := total(t, ix, "digital service")
	if want == 0 {
		t.Fatal("no results for a common query")
	}
	ix.Close()

	// Same content, parsed again: reused without indexing anything.
	ix = openT(t, loadMapFS(t, fsys), dir)
	if st := ix.OpenStats(); !st.Reused || st.Rebuilt != "" || st.Added+st.Changed+st.Removed != 0 {
		t.Fatalf("reopen unchanged: %+v", st)
	}
	if got := total(t, ix, "digital service"); got != want {
		t.Fatalf("reused index finds %d, want %d", got, want)
	}
	ix.Close()

	// One case changed, one removed, one added: only those are touched.
	paths := sortedCasePaths(fsys)
	changedPath, removedPath := paths[0], paths[1]
	fsys[changedPath] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[changedPath].Data), "## Lessons", "## Lessons\n\n- Zanzibarquux is the word to find.", 1))}
	delete(fsys, removedPath)
	fsys["cases/brand-new-case.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Brand New Case\nsummary: Newly added.\ncountry: Canada\nlevel: local\nyear: 2020\nfactors: [collaboration]\n---\n## Challenge\n\nQuuxwobble.\n")}
	cat2 := loadMapFS(t, fsys)
	ix = openT(t, cat2, dir)
	if st := ix.OpenStats(); st.Reused || st.Rebuilt != "" || st.Added != 1 || st.Changed != 1 || st.Removed != 1 {
		t.Fatalf("reopen changed: %+v", st)
	}
	if total(t, ix, "zanzibarquux") != 1 || total(t, ix, "quuxwobble") != 1 {
		t.Error("changed or added case not found")
	}
	removedSlug := strings.TrimSuffix(filepath.Base(removedPath), ".md")
	if res, _ := ix.Matches(context.Background(), Query{}); len(res) != len(cat2.Cases) {
		t.Errorf("index holds %d cases, catalogue %d", len(res), len(cat2.Cases))
	}
	if n, _ := ix.idx.DocCount(); n != uint64(len(cat2.Cases)) {
		t.Errorf("doc count %d, want %d (removed %s?)", n, len(cat2.Cases), removedSlug)
	}
	ix.Close()

	// And that state is reused next time.
	ix = openT(t, loadMapFS(t, fsys), dir)
	if st := ix.OpenStats(); !st.Reused {
		t.Fatalf("reopen after update: %+v", st)
	}
	ix.Close()
}

func sortedCasePaths(fsys fstest.MapFS) []string {
	var out []string
	for p := range fsys {
		if strings.HasPrefix(p, "cases/") {
			out = append(out, p)
		}
	}
	sortStrings(out)
	return out
}

// versionDir returns the version folder an open index serves.
func versionDir(t *testing.T, ix *Index) string {
	t.Helper()
	d := ix.OpenStats().Dir
	if d == "" {
		t.Fatal("OpenStats names no version folder")
	}
	return d
}

// TestOpenRebuildsDamaged: a version folder that is incomplete or cannot be
// opened is set aside and built again; other files in the folder are kept.
func TestOpenRebuildsDamaged(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, dir string)
	}{
		{"no complete marker", func(t *testing.T, dir string) {
			idx, err := bleve.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := idx.DeleteInternal(keyComplete); err != nil {
				t.Fatal(err)
			}
			idx.Close()
		}},
		{"unreadable meta", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("{not json"), 0o644)
		}},
		{"segments gone", func(t *testing.T, dir string) {
			zaps, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
			for _, z := range zaps {
				os.Remove(z)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			os.WriteFile(filepath.Join(root, "notes.txt"), []byte("mine"), 0o644)
			fsys := corpus.Generate(30, 2).FS()
			cat := loadMapFS(t, fsys)
			ix := openT(t, cat, root)
			dir := versionDir(t, ix)
			ix.Close()
			tc.damage(t, dir)

			ix = openT(t, loadMapFS(t, fsys), root)
			if st := ix.OpenStats(); st.Reused || st.Rebuilt == "" || st.Added != len(cat.Cases) || st.Dir != dir {
				t.Fatalf("open after damage: %+v", st)
			}
			if total(t, ix, "digital service") == 0 {
				t.Error("rebuilt index finds nothing")
			}
			ix.Close()
			if st := openT(t, loadMapFS(t, fsys), root); !st.OpenStats().Reused {
				t.Errorf("after rebuild: %+v", st.OpenStats())
			} else {
				st.Close()
			}
			if _, err := os.Stat(filepath.Join(root, "notes.txt")); err != nil {
				t.Error("Open deleted a file that is not the index's")
			}
		})
	}
}

// TestOpenOtherFormat: a previous version of another index format is not
// used as the start of a new version.
func TestOpenOtherFormat(t *testing.T) {
	root := t.TempDir()
	fsys := corpus.Generate(20, 3).FS()
	ix := openT(t, loadMapFS(t, fsys), root)
	dir := versionDir(t, ix)
	ix.Close()
	idx, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx.SetInternal(keySchema, []byte("old"))
	idx.Close()

	p := sortedCasePaths(fsys)[0]
	fsys[p] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[p].Data), "## Results", "## Results\n\nWhatchamacallit.", 1))}
	cat := loadMapFS(t, fsys)
	ix = openT(t, cat, root)
	defer ix.Close()
	if st := ix.OpenStats(); !strings.Contains(st.Rebuilt, "format") || st.Added != len(cat.Cases) {
		t.Fatalf("other schema: %+v", st)
	}
	if total(t, ix, "whatchamacallit") != 1 {
		t.Error("new version lacks the changed case")
	}
}

// TestOpenShared: several opens of one folder at the same time, in this
// process, all serve; so do opens that race to build it first.
func TestOpenShared(t *testing.T) {
	root := t.TempDir()
	fsys := corpus.Generate(40, 4).FS()
	const n = 4
	ixs := make([]*Index, n)
	errs := make([]error, n)
	parallel.For(n, n, func(i int) { ixs[i], errs[i] = Open(loadMapFS(t, fsys), root) })
	for i, err := range errs {
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
	}
	want := total(t, ixs[0], "digital service")
	for i, ix := range ixs {
		if got := total(t, ix, "digital service"); got != want || want == 0 {
			t.Errorf("open %d finds %d, want %d (> 0)", i, got, want)
		}
		if ix.OpenStats().Dir != ixs[0].OpenStats().Dir {
			t.Errorf("open %d serves %s, open 0 %s", i, ix.OpenStats().Dir, ixs[0].OpenStats().Dir)
		}
	}
	// And one more open while all are held.
	late := openT(t, loadMapFS(t, fsys), root)
	if !late.OpenStats().Reused || total(t, late, "digital service") != want {
		t.Errorf("open while held: %+v", late.OpenStats())
	}
	late.Close()
	for _, ix := range ixs {
		ix.Close()
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), versionPrefix) {
		t.Errorf("folder after racing builds: %v", entries)
	}
}

// TestOpenSharedProcesses: another process opens and searches the index
// folder while this one serves from it.
func TestOpenSharedProcesses(t *testing.T) {
	if os.Getenv("CASEBOOK_SHARED_CHILD") != "" {
		return
	}
	root := t.TempDir()
	cat := loadMapFS(t, corpus.Generate(50, 7).FS())
	ix := openT(t, cat, root)
	defer ix.Close()
	want := total(t, ix, "digital service")
	var procs []*exec.Cmd
	var outs []*strings.Builder
	for range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSharedChild$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "CASEBOOK_SHARED_CHILD="+root)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs, outs = append(procs, cmd), append(outs, &out)
	}
	for i, cmd := range procs {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("child %d: %v\n%s", i, err, outs[i])
		}
		if !strings.Contains(outs[i].String(), "reused=true total="+strconv.Itoa(want)+" ") {
			t.Errorf("child %d did not search the shared index (want total=%d):\n%s", i, want, outs[i])
		}
	}
	if got := total(t, ix, "digital service"); got != want {
		t.Errorf("after the children: %d, want %d", got, want)
	}
}

// TestSharedChild opens the folder of TestOpenSharedProcesses and searches
// it while its parent (and a sibling) hold it open.
func TestSharedChild(t *testing.T) {
	root := os.Getenv("CASEBOOK_SHARED_CHILD")
	if root == "" {
		t.Skip("run by TestOpenSharedProcesses")
	}
	ix := openT(t, loadMapFS(t, corpus.Generate(50, 7).FS()), root)
	defer ix.Close()
	time.Sleep(200 * time.Millisecond) // overlap with the sibling
	fmt.Printf("reused=%v total=%d \n", ix.OpenStats().Reused, total(t, ix, "digital service"))
}

// TestNewVersionBesideServed: new content gets a new version folder, built
// from the served one (only the change is indexed) while that one keeps
// serving; versions beyond the newest two are deleted once nobody holds them.
func TestNewVersionBesideServed(t *testing.T) {
	root := t.TempDir()
	fsys := corpus.Generate(30, 8).FS()
	v1 := openT(t, loadMapFS(t, fsys), root)
	edit := func(word string) *catalog.Catalog {
		p := sortedCasePaths(fsys)[0]
		fsys[p] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[p].Data), "## Results", "## Results\n\n"+word+".", 1))}
		return loadMapFS(t, fsys)
	}
	v2 := openT(t, edit("Gobbledygook"), root)
	if st := v2.OpenStats(); st.Reused || st.Rebuilt != "" || st.Changed != 1 || st.Added+st.Removed != 0 {
		t.Fatalf("second version: %+v", st)
	}
	if total(t, v1, "gobbledygook") != 0 || total(t, v2, "gobbledygook") != 1 {
		t.Error("versions are not separate")
	}
	st, err := Build(edit("Balderdash"), root)
	if err != nil || st.Changed != 1 {
		t.Fatalf("third version: %+v %v", st, err)
	}
	if _, err := os.Stat(versionDir(t, v1)); err != nil {
		t.Errorf("a served version was deleted: %v", err)
	}
	if total(t, v1, "digital service") == 0 {
		t.Error("the served version stopped answering")
	}
	v1.Close()
	v2.Close()
	if _, err := Build(loadMapFS(t, fsys), root); err != nil {
		t.Fatal(err)
	}
	if vs := versions(root); len(vs) != keepVersions || slices.Contains(vs, versionDir(t, v1)) {
		t.Errorf("versions after pruning: %v (the oldest, %s, should be gone)", vs, versionDir(t, v1))
	}
}

// TestPruneLeftovers: a dead build's folder and a deletion's leftovers are
// removed; a running build's folder and an old-layout index in use are not.
func TestPruneLeftovers(t *testing.T) {
	root := t.TempDir()
	old := time.Now().Add(-2 * staleBuild)
	mk := func(name string, lock bool) (string, func()) {
		dir := filepath.Join(root, name)
		os.MkdirAll(dir, 0o755)
		closeLock := func() {}
		if lock {
			db, err := bolt.Open(filepath.Join(dir, lockName), 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			closeLock = func() { db.Close() }
		}
		os.Chtimes(dir, old, old)
		return dir, closeLock
	}
	dead, _ := mk(tmpPrefix+"dead", false)
	running, release := mk(tmpPrefix+"running", true)
	defer release()
	young := filepath.Join(root, tmpPrefix+"young")
	os.Mkdir(young, 0o755)
	trash, _ := mk(trashPrefix+"x", false)
	prune(root, "")
	for _, tc := range []struct {
		dir  string
		kept bool
	}{{dead, false}, {running, true}, {young, true}, {trash, false}} {
		_, err := os.Stat(tc.dir)
		if kept := err == nil; kept != tc.kept {
			t.Errorf("%s: kept %v, want %v", filepath.Base(tc.dir), kept, tc.kept)
		}
	}
}

// TestUpdateShared: a live reload on a shared index keeps its changes in
// memory and writes nothing; the next start with the new content builds
// its version from the old one, and the old content is still reused.
func TestUpdateShared(t *testing.T) {
	root := t.TempDir()
	fsys := corpus.Generate(20, 5).FS()
	cat := loadMapFS(t, fsys)
	ix := openT(t, cat, root)
	oldData := maps.Clone(fsys)
	p := sortedCasePaths(fsys)[3]
	fsys[p] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[p].Data), "## Results", "## Results\n\nFlibbertigibbet.", 1))}
	next, st, err := ix.Update(loadMapFS(t, fsys))
	if err != nil || st.Changed == 0 {
		t.Fatalf("update: %v %+v", err, st)
	}
	if total(t, next, "flibbertigibbet") != 1 {
		t.Fatal("update not searchable")
	}
	next.Close()

	ix = openT(t, loadMapFS(t, fsys), root)
	if st := ix.OpenStats(); st.Reused || st.Changed != 1 {
		t.Errorf("new content after update: %+v", st)
	}
	ix.Close()
	ix = openT(t, loadMapFS(t, oldData), root)
	if st := ix.OpenStats(); !st.Reused {
		t.Errorf("old content after update: %+v", st)
	}
	if total(t, ix, "flibbertigibbet") != 0 {
		t.Error("the update was written into the shared version")
	}
	ix.Close()
}

func sortStrings(s []string) { slices.Sort(s) }

// TestOpenAfterKill kills a process while it builds an index on disk (at
// several moments) and checks that the next Open serves a complete,
// correct index.
func TestOpenAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds several indexes of 600 cases")
	}
	if os.Getenv("CASEBOOK_KILL_CHILD") != "" {
		return // the child's work is in TestKillChild
	}
	const n = 600
	fsys := corpus.Generate(n, 6).FS()
	for _, delay := range []time.Duration{30 * time.Millisecond, 250 * time.Millisecond, 700 * time.Millisecond} {
		dir := t.TempDir()
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "CASEBOOK_KILL_CHILD="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()

		ix := openT(t, loadMapFS(t, fsys), dir)
		st := ix.OpenStats()
		t.Logf("killed after %v: %+v", delay, st)
		if c, _ := ix.idx.DocCount(); c != n {
			t.Errorf("killed after %v: index holds %d documents, want %d", delay, c, n)
		}
		if total(t, ix, "digital service") == 0 {
			t.Errorf("killed after %v: search finds nothing", delay)
		}
		ix.Close()
		ix = openT(t, loadMapFS(t, fsys), dir)
		if !ix.OpenStats().Reused {
			t.Errorf("killed after %v: second open %+v", delay, ix.OpenStats())
		}
		ix.Close()
	}
}

// TestKillChild builds an index for TestOpenAfterKill, which kills it.
func TestKillChild(t *testing.T) {
	dir := os.Getenv("CASEBOOK_KILL_CHILD")
	if dir == "" {
		t.Skip("run by TestOpenAfterKill")
	}
	cat := loadMapFS(t, corpus.Generate(600, 6).FS())
	ix, err := Open(cat, dir)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
}

func TestParseManifest(t *testing.T) {
	d := &diskState{hashes: map[string][32]byte{"a": {1}, "bb": {2}}}
	got, err := parseManifest(d.manifest())
	if err != nil || len(got) != 2 || got["bb"] != [32]byte{2} {
		t.Fatalf("round trip: %v %v", got, err)
	}
	for _, bad := range [][]byte{{0xff}, {5, 'a'}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, append([]byte{1, 'a'}, make([]byte, 31)...)} {
		if _, err := parseManifest(bad); err == nil {
			t.Errorf("parseManifest(%v) accepted a corrupt manifest", bad)
		}
	}
}
