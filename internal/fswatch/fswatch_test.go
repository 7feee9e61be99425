package fswatch

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestRun checks that changes in the root and in watched subfolders come
// in batches of relative paths, that paths relevant rejects are left out,
// and that a folder no longer watched reports nothing.
func TestRun(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"cases", "other"} {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	w, err := New(root, func(rel string) bool { return !strings.HasSuffix(rel, ".tmp") }, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if added := w.Watch([]string{"cases", "other"}); !slices.Equal(added, []string{"cases", "other"}) || !w.Watched("cases") {
		t.Fatalf("Watch added %q", added)
	}
	if added := w.Watch([]string{"cases"}); len(added) != 0 || w.Watched("other") {
		t.Fatalf("Watch again added %q; other watched: %v", added, w.Watched("other"))
	}
	batches := make(chan []string, 10)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() {
		w.Run(ctx, nil, func(b []string) bool { batches <- b; return true })
		close(done)
	}()
	for _, name := range []string{"cases/a.md", "cases/a.tmp", "other/b.md", "c.yaml"} {
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(name)), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string]bool{}
	timeout := time.After(10 * time.Second)
	for !got["cases/a.md"] || !got["c.yaml"] {
		select {
		case b := <-batches:
			for _, p := range b {
				got[p] = true
			}
		case <-timeout:
			t.Fatalf("after 10 s the batches held %v", got)
		}
	}
	if got["cases/a.tmp"] || got["other/b.md"] {
		t.Errorf("batches hold paths they should not: %v", got)
	}
	cancel()
	<-done
}
