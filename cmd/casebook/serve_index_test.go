package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/webtest"
)

// runServeOnce starts casebook serve with an on-disk index, waits until it
// is healthy, searches for word, stops it and returns its log.
func runServeOnce(t *testing.T, content, index, word string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log := &webtest.LogBuffer{}
	base, done := startServe(t, ctx, cancel, serveOptions{content: content, index: index}, log)
	waitHealthy(t, base, log)
	resp, err := http.Get(base + "/api/v1/search?q=" + word)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"total":1`) {
		t.Errorf("search %q: %s", word, body)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("serve exited with %d", code)
	}
	http.DefaultClient.CloseIdleConnections()
	return log.String()
}

func TestServeIndexReuse(t *testing.T) {
	content := writeTree(t, map[string]string{
		"cases/hubs.md":            caseText(strings.Replace(validFront, "title: Good case", "title: Community Hubs", 1)),
		"factors/collaboration.md": "---\ntitle: A culture of collaboration\nsummary: Working together.\n---\n",
	})
	index := filepath.Join(t.TempDir(), "index")

	first := runServeOnce(t, content, index, "hubs")
	if !strings.Contains(first, "search index on disk") || !strings.Contains(first, "reused=false") {
		t.Errorf("first start should build the index:\n%s", first)
	}
	second := runServeOnce(t, content, index, "hubs")
	if !strings.Contains(second, "reused=true") {
		t.Errorf("second start should reuse the index:\n%s", second)
	}
	// Changed content: only the change is indexed.
	if err := os.WriteFile(filepath.Join(content, "cases", "hubs.md"),
		[]byte(caseText(strings.Replace(validFront, "title: Good case", "title: Community Wombats", 1))), 0o644); err != nil {
		t.Fatal(err)
	}
	third := runServeOnce(t, content, index, "wombats")
	if !strings.Contains(third, "reused=false") || !strings.Contains(third, "changed=1") {
		t.Errorf("third start should update one case:\n%s", third)
	}
}
