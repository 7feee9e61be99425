package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// liveWait is how long the live-preview test waits for a page to change
// after a save (issue 19: within 5 s).
const liveWait = 5 * time.Second

// writeFiles writes files (path → text) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// startWatched writes files into a new folder and starts
// `casebook serve --watch` on it; it returns the site it serves and the
// folder.
func startWatched(t *testing.T, s *site, files map[string]string) (*site, string) {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	log := &syncBuffer{}
	base, stop, err := startServer(s.bin, log, "--watch", "--content", dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	watched := *s
	watched.base, watched.log = base, log
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the last lines of the --watch server's log:\n%s", log.tail(30))
		}
	})
	return &watched, dir
}

// waitLive evaluates a JavaScript condition until it is true, for up to
// liveWait, and fails the test with what if it never is.
func (tb *tab) waitLive(what, cond string) {
	tb.t.Helper()
	deadline := time.Now().Add(liveWait)
	for !eval[bool](tb, cond) {
		if time.Now().After(deadline) {
			tb.t.Fatalf("after %s, %s", liveWait, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestLivePreview checks issue 19's live preview: with --watch, an open
// case page shows a new title after the file is saved, the problems banner
// appears when the file is broken and goes when it is fixed, all without a
// reload by the test (nor by the page: a marker set in the window stays).
func TestLivePreview(t *testing.T) {
	s := needSite(t)
	files := map[string]string{
		"factors/collaboration.md": bannerCatalog["factors/collaboration.md"],
		"cases/community-hubs.md":  bannerCatalog["cases/community-hubs.md"],
	}
	watched, dir := startWatched(t, s, files)
	tb := watched.newTab(t, desktopWidth, true)
	tb.open("/cases/community-hubs")
	if h1 := tb.text("h1"); h1 != "Community Hubs" {
		t.Fatalf("the case page's heading is %q", h1)
	}
	if eval[bool](tb, `!!document.querySelector(".problems-banner")`) {
		t.Fatal("a problems banner shows before anything is broken")
	}
	eval[bool](tb, `window.liveMarker = true`)
	// Let the page's event stream connect before the first save.
	tb.waitLive("the live script did not connect to /events", `document.documentElement.getAttribute("data-live") === "on"`)

	original := files["cases/community-hubs.md"]
	renamed := strings.Replace(original, "title: Community Hubs", "title: Community Hubs Renamed", 1)
	writeFiles(t, dir, map[string]string{"cases/community-hubs.md": renamed})
	tb.waitLive("the page does not show the new title", `document.querySelector("h1").textContent.trim() === "Community Hubs Renamed"`)

	broken := strings.Replace(renamed, "level: provincial", "level: nowhere", 1)
	writeFiles(t, dir, map[string]string{"cases/community-hubs.md": broken})
	tb.waitLive("no problems banner appeared for the broken file",
		`!!document.querySelector(".problems-banner") && document.querySelector(".problems-banner").textContent.includes("cases/community-hubs.md")`)
	if h1 := tb.text("h1"); h1 != "Community Hubs Renamed" {
		t.Errorf("while the file is broken the heading is %q, want the last good title", h1)
	}

	writeFiles(t, dir, map[string]string{"cases/community-hubs.md": renamed})
	tb.waitLive("the problems banner did not go once the file was fixed", `!document.querySelector(".problems-banner")`)
	if !eval[bool](tb, `window.liveMarker === true`) {
		t.Error("the page was reloaded; it should change in place")
	}
}
