package search

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/corpus"
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
	resp, err := ix.Search(context.Background(), Query{Text: text})
	if err != nil {
		t.Fatal(err)
	}
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

// TestOpenRebuildsIncomplete: a process killed while building or updating
// leaves no complete marker, and the next Open rebuilds.
func TestOpenRebuildsIncomplete(t *testing.T) {
	dir := t.TempDir()
	fsys := corpus.Generate(30, 2).FS()
	cat := loadMapFS(t, fsys)
	openT(t, cat, dir).Close()

	idx, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.DeleteInternal(keyComplete); err != nil {
		t.Fatal(err)
	}
	idx.Close()

	ix := openT(t, loadMapFS(t, fsys), dir)
	if st := ix.OpenStats(); !strings.Contains(st.Rebuilt, "incomplete") || st.Added != len(cat.Cases) {
		t.Fatalf("open after interrupted build: %+v", st)
	}
	if total(t, ix, "digital service") == 0 {
		t.Error("rebuilt index finds nothing")
	}
	ix.Close()
	if st := openT(t, loadMapFS(t, fsys), dir); !st.OpenStats().Reused {
		t.Fatalf("after rebuild: %+v", st.OpenStats())
	} else {
		st.Close()
	}
}

func TestOpenRebuildsUnreadableOrOtherSchema(t *testing.T) {
	dir := t.TempDir()
	fsys := corpus.Generate(20, 3).FS()
	cat := loadMapFS(t, fsys)
	openT(t, cat, dir).Close()

	// Another index format.
	idx, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx.SetInternal(keySchema, []byte("old"))
	idx.Close()
	ix := openT(t, cat, dir)
	if st := ix.OpenStats(); !strings.Contains(st.Rebuilt, "format") || st.Added != len(cat.Cases) {
		t.Fatalf("other schema: %+v", st)
	}
	ix.Close()

	// Garbage where the index was; other files in the folder are kept.
	os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("{not json"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	ix = openT(t, cat, dir)
	if st := ix.OpenStats(); !strings.Contains(st.Rebuilt, "cannot open") {
		t.Fatalf("corrupt meta: %+v", st)
	}
	if total(t, ix, "digital service") == 0 {
		t.Error("rebuilt index finds nothing")
	}
	ix.Close()
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Error("Open deleted a file that is not the index's")
	}
}

// TestOpenHeldIndex: an index another process holds is an error, soon, and
// is left alone.
func TestOpenHeldIndex(t *testing.T) {
	dir := t.TempDir()
	cat := loadMapFS(t, corpus.Generate(10, 4).FS())
	ix := openT(t, cat, dir)
	defer ix.Close()
	start := time.Now()
	if _, err := Open(cat, dir); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second open: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("second open took %v", d)
	}
	if total(t, ix, "digital service") == 0 {
		t.Error("the held index was damaged")
	}
}

// TestUpdatePersistent: a live reload on an index on disk records its
// changes, so the next start with the new content reuses the index and the
// next start with the old content does not serve the new documents.
func TestUpdatePersistent(t *testing.T) {
	dir := t.TempDir()
	fsys := corpus.Generate(20, 5).FS()
	cat := loadMapFS(t, fsys)
	ix := openT(t, cat, dir)
	oldData := map[string]*fstest.MapFile{}
	for p, f := range fsys {
		oldData[p] = f
	}
	p := sortedCasePaths(fsys)[3]
	fsys[p] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[p].Data), "## Results", "## Results\n\nFlibbertigibbet.", 1))}
	cat2 := loadMapFS(t, fsys)
	next, st, err := ix.Update(cat2)
	if err != nil || st.Changed == 0 {
		t.Fatalf("update: %v %+v", err, st)
	}
	if total(t, next, "flibbertigibbet") != 1 {
		t.Fatal("update not searchable")
	}
	next.Close()

	ix = openT(t, loadMapFS(t, fsys), dir)
	if !ix.OpenStats().Reused {
		t.Errorf("new content after update: %+v", ix.OpenStats())
	}
	ix.Close()

	ix = openT(t, loadMapFS(t, oldData), dir)
	if st := ix.OpenStats(); st.Reused || st.Changed != 1 {
		t.Errorf("old content after update: %+v", st)
	}
	if total(t, ix, "flibbertigibbet") != 0 {
		t.Error("stale document served")
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
