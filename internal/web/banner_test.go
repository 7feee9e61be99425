package web

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/webtest"
)

// TestBannerLimit checks that a long list of problems is cut short with a
// link to the full list.
func TestBannerLimit(t *testing.T) {
	files := map[string]string{"factors/collaboration.md": "---\ntitle: A culture of collaboration\nsummary: Working together.\n---\nPeople work together.\n"}
	for i := range maxBannerProblems + 5 {
		files[fmt.Sprintf("cases/bad-%02d.md", i)] = "no front matter\n"
	}
	cat, err := catalog.Load(mapFS(files))
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := newTestServer(t, Config{Watch: true})
	srv.setState(newState(cat, nil, cat.Problems))
	body := get(t, srv, "/").Body.String()
	text, ok := webtest.Banner(t, body)
	want := fmt.Sprintf("%d problems in the content", maxBannerProblems+6) // and the unused factor
	if !ok || !strings.Contains(text, want) || !strings.Contains(text, "and 6 more problems") || !strings.Contains(body, `href="/api/v1/problems"`) {
		t.Errorf("banner %v: %s", ok, text)
	}
	if n := strings.Count(body, "<li class=\"problem-"); n != maxBannerProblems {
		t.Errorf("banner lists %d problems, want %d", n, maxBannerProblems)
	}
	webtest.CheckPage(t, body)
}

// TestBanner checks that the banner lists problems only in watch mode.
func TestBanner(t *testing.T) {
	for _, watch := range []bool{false, true} {
		srv, _ := newTestServer(t, Config{Watch: watch})
		for _, p := range []string{"/", "/cases/community-hubs", "/no-such-page"} {
			body := get(t, srv, p).Body.String()
			text, ok := webtest.Banner(t, body)
			if ok != watch || watch && !strings.Contains(text, "cases/broken.md") {
				t.Errorf("watch %v, %s: banner %v %q", watch, p, ok, text)
			}
		}
	}
}

// mapFS makes a catalogue file system of file contents by path.
func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}
