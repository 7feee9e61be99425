package catalog

import (
	"crypto/sha256"
	"testing"
	"testing/fstest"
)

func versionFS() fstest.MapFS {
	return fstest.MapFS{
		"cases/a.md":        {Data: []byte("---\ntitle: A\n---\nBody.\n")},
		"cases/b.md":        {Data: []byte("---\ntitle: B\n---\nBody.\n")},
		"factors/f.md":      {Data: []byte("---\ntitle: F\n---\n")},
		"synonyms.yaml":     {Data: []byte("- [a, b]\n")},
		"README.md":         {Data: []byte("not content\n")},
		"cases/README.md":   {Data: []byte("not content\n")},
		"cases/.hidden.md":  {Data: []byte("hidden\n")},
		"drafts/x.md":       {Data: []byte("not content\n")},
		"cases/notes.txt":   {Data: []byte("not content\n")},
		"factors/sub/g.md":  {Data: []byte("---\ntitle: G\n---\n")},
		".git/cases/all.md": {Data: []byte("hidden\n")},
	}
}

func TestVersion(t *testing.T) {
	base, err := Version(versionFS())
	if err != nil {
		t.Fatal(err)
	}
	if len(base) != VersionLen {
		t.Fatalf("Version = %q, want %d hex digits", base, VersionLen)
	}
	again, err := Version(versionFS())
	if err != nil || again != base {
		t.Fatalf("reloading unchanged content gave %q (%v), want %q", again, err, base)
	}
	tests := []struct {
		name    string
		change  func(fstest.MapFS)
		changes bool
	}{
		{"one byte of one case", func(f fstest.MapFS) { f["cases/a.md"].Data[len(f["cases/a.md"].Data)-2] = '!' }, true},
		{"a factor", func(f fstest.MapFS) { f["factors/f.md"] = &fstest.MapFile{Data: []byte("---\ntitle: F2\n---\n")} }, true},
		{"a nested factor", func(f fstest.MapFS) { f["factors/sub/g.md"] = &fstest.MapFile{Data: []byte("x")} }, true},
		{"synonyms", func(f fstest.MapFS) { f["synonyms.yaml"] = &fstest.MapFile{Data: []byte("- [a, c]\n")} }, true},
		{"a case added", func(f fstest.MapFS) { f["cases/c.md"] = &fstest.MapFile{Data: []byte("c")} }, true},
		{"a case removed", func(f fstest.MapFS) { delete(f, "cases/b.md") }, true},
		{"a case renamed", func(f fstest.MapFS) { f["cases/b2.md"] = f["cases/b.md"]; delete(f, "cases/b.md") }, true},
		{"the README", func(f fstest.MapFS) { f["README.md"] = &fstest.MapFile{Data: []byte("changed")} }, false},
		{"a README in cases", func(f fstest.MapFS) { f["cases/README.md"] = &fstest.MapFile{Data: []byte("changed")} }, false},
		{"a hidden case", func(f fstest.MapFS) { f["cases/.hidden.md"] = &fstest.MapFile{Data: []byte("changed")} }, false},
		{"a file outside cases and factors", func(f fstest.MapFS) { f["drafts/x.md"] = &fstest.MapFile{Data: []byte("changed")} }, false},
		{"a text file", func(f fstest.MapFS) { f["cases/notes.txt"] = &fstest.MapFile{Data: []byte("changed")} }, false},
		{"a hidden folder", func(f fstest.MapFS) { f[".git/cases/all.md"] = &fstest.MapFile{Data: []byte("changed")} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := versionFS()
			tt.change(fsys)
			got, err := Version(fsys)
			if err != nil {
				t.Fatal(err)
			}
			if changed := got != base; changed != tt.changes {
				t.Errorf("version %q, before %q: changed = %v, want %v", got, base, changed, tt.changes)
			}
		})
	}
}

// TestVersionOfSumsMatchesVersion checks that an incremental loader holding
// each file's sum gets the version Version computes.
func TestVersionOfSumsMatchesVersion(t *testing.T) {
	fsys := versionFS()
	want, err := Version(fsys)
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string][32]byte{}
	for p, f := range fsys {
		if IsContentPath(p) {
			sums[p] = sha256.Sum256(f.Data)
		}
	}
	if got := VersionOfSums(sums); got != want {
		t.Errorf("VersionOfSums = %q, Version = %q", got, want)
	}
}
