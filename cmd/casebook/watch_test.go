package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/webtest"
)

// watchDeadline is how long a change may take to be served.
const watchDeadline = 5 * time.Second

const collaborationFactor = "---\ntitle: A culture of collaboration\nsummary: Working together.\n---\nPeople work together.\n"

// watchCase is a valid case file with the given title and factors.
func watchCase(title, factors string) string {
	return "---\ntitle: " + title + "\nsummary: It works.\ncountry: Canada\nlevel: local\nyear: 2016\nfactors: [" + factors + "]\n---\n" +
		"## Challenge\n\nThe town introduced participatory budgeting for its parks.\n"
}

// watchServer is casebook serve --watch running in this process on a
// temporary content folder.
type watchServer struct {
	t    *testing.T
	dir  string
	base string // http://127.0.0.1:PORT
	log  *webtest.LogBuffer
}

// startWatch writes files into a new folder, starts casebook serve
// --content DIR --watch on a free port and waits until it serves. The
// server is stopped, and checked to leave no watcher behind, at cleanup.
func startWatch(t *testing.T, files map[string]string) *watchServer {
	t.Helper()
	dir := writeTree(t, files)
	ctx, cancel := context.WithCancel(context.Background())
	ws := &watchServer{t: t, dir: dir, log: &webtest.LogBuffer{}}
	var done <-chan int
	ws.base, done = startServe(t, ctx, cancel, serveOptions{content: dir, watch: true}, ws.log)
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != exitOK {
				t.Errorf("serve exited with %d, want 0", code)
			}
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not shut down")
		}
		http.DefaultClient.CloseIdleConnections()
		// fsnotify's reader finishes closing its channels just after Close
		// returns: give it a moment.
		leaks := watcherGoroutines()
		for deadline := time.Now().Add(2 * time.Second); leaks != "" && time.Now().Before(deadline); leaks = watcherGoroutines() {
			time.Sleep(10 * time.Millisecond)
		}
		if leaks != "" {
			t.Errorf("goroutines left after serve returned:\n%s", leaks)
		}
	})
	ws.eventually("the server to be ready", func() (bool, string) {
		code, _ := ws.get("/healthz")
		return code == http.StatusOK, fmt.Sprintf("/healthz: %d", code)
	})
	return ws
}

// watcherGoroutines lists the stacks of goroutines of the watcher or of
// fsnotify that are still running.
func watcherGoroutines() string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var out []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "(*watcher).") || strings.Contains(g, "fsnotify") {
			out = append(out, g)
		}
	}
	return strings.Join(out, "\n\n")
}

func (ws *watchServer) logText() string {
	return ws.log.String()
}

// get fetches a path and returns the status and body.
func (ws *watchServer) get(path string) (int, string) {
	ws.t.Helper()
	resp, err := http.Get(ws.base + path)
	if err != nil {
		ws.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		ws.t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// eventually polls cond until it holds, failing the test after watchDeadline.
func (ws *watchServer) eventually(what string, cond func() (bool, string)) {
	ws.t.Helper()
	deadline := time.Now().Add(watchDeadline)
	for {
		ok, state := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			ws.t.Fatalf("waited %s for %s; last: %s\nlog:\n%s", watchDeadline, what, state, ws.logText())
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// write saves a file the way many editors do: a temporary file renamed
// over the old one.
func (ws *watchServer) write(name, data string) {
	ws.t.Helper()
	p := filepath.Join(ws.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		ws.t.Fatal(err)
	}
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".swp")
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		ws.t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		ws.t.Fatal(err)
	}
}

// writeInPlace overwrites a file in place, as other editors do.
func (ws *watchServer) writeInPlace(name, data string) {
	ws.t.Helper()
	if err := os.WriteFile(filepath.Join(ws.dir, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
		ws.t.Fatal(err)
	}
}

func (ws *watchServer) rename(from, to string) {
	ws.t.Helper()
	if err := os.Rename(filepath.Join(ws.dir, filepath.FromSlash(from)), filepath.Join(ws.dir, filepath.FromSlash(to))); err != nil {
		ws.t.Fatal(err)
	}
}

func (ws *watchServer) remove(name string) {
	ws.t.Helper()
	if err := os.RemoveAll(filepath.Join(ws.dir, filepath.FromSlash(name))); err != nil {
		ws.t.Fatal(err)
	}
}

// waitCase waits until /cases/SLUG answers status and, for 200, its page
// contains want.
func (ws *watchServer) waitCase(slug string, status int, want string) {
	ws.t.Helper()
	ws.eventually(fmt.Sprintf("/cases/%s to answer %d with %q", slug, status, want), func() (bool, string) {
		code, body := ws.get("/cases/" + slug)
		return code == status && strings.Contains(body, want), fmt.Sprintf("status %d", code)
	})
}

// problems returns the text of each problem on /api/v1/problems.
func (ws *watchServer) problems() []string {
	ws.t.Helper()
	code, body := ws.get("/api/v1/problems")
	if code != http.StatusOK {
		ws.t.Fatalf("/api/v1/problems: %d %s", code, body)
	}
	var out struct {
		Problems []struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
			Text     string `json:"text"`
		} `json:"problems"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		ws.t.Fatalf("/api/v1/problems: %v\n%s", err, body)
	}
	texts := []string{}
	for _, p := range out.Problems {
		texts = append(texts, p.Text)
	}
	return texts
}

// waitProblem waits until a problem containing want is listed (or, with
// present false, until none is).
func (ws *watchServer) waitProblem(want string, present bool) {
	ws.t.Helper()
	ws.eventually(fmt.Sprintf("a problem %q to be listed: %v", want, present), func() (bool, string) {
		ps := ws.problems()
		found := false
		for _, p := range ps {
			found = found || strings.Contains(p, want)
		}
		return found == present, fmt.Sprintf("problems: %q", ps)
	})
}

// searchTotal returns the number of cases a search finds.
func (ws *watchServer) searchTotal(q string) int {
	ws.t.Helper()
	code, body := ws.get("/api/v1/search?q=" + url.QueryEscape(q))
	if code != http.StatusOK {
		ws.t.Fatalf("search %q: %d %s", q, code, body)
	}
	var r struct {
		Total int `json:"total"`
	}
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		ws.t.Fatal(err)
	}
	return r.Total
}

func TestWatchCaseLifecycle(t *testing.T) {
	ws := startWatch(t, map[string]string{
		"factors/collaboration.md": collaborationFactor,
		"cases/first.md":           watchCase("First case", "collaboration"),
	})
	ws.waitCase("first", http.StatusOK, "First case")

	// Added.
	ws.write("cases/second.md", watchCase("Second case", "collaboration"))
	ws.waitCase("second", http.StatusOK, "Second case")
	ws.eventually("the new case to be found by search", func() (bool, string) {
		n := ws.searchTotal("second")
		return n == 1, fmt.Sprintf("%d results", n)
	})

	// Edited in place.
	ws.writeInPlace("cases/second.md", watchCase("Second case, revised", "collaboration"))
	ws.waitCase("second", http.StatusOK, "Second case, revised")

	// Renamed: the old address goes, the new one comes.
	ws.rename("cases/second.md", "cases/renamed.md")
	ws.waitCase("renamed", http.StatusOK, "Second case, revised")
	ws.waitCase("second", http.StatusNotFound, "")

	// Removed.
	ws.remove("cases/renamed.md")
	ws.waitCase("renamed", http.StatusNotFound, "")
	if code, _ := ws.get("/cases/first"); code != http.StatusOK {
		t.Errorf("/cases/first: %d after other cases changed", code)
	}
	ws.eventually("search to forget the removed case", func() (bool, string) {
		n := ws.searchTotal("revised")
		return n == 0, fmt.Sprintf("%d results", n)
	})

	// Subfolders: a new one is watched, also once renamed, and removing it
	// removes its cases.
	ws.write("cases/2024/third.md", watchCase("Third case", "collaboration"))
	ws.waitCase("third", http.StatusOK, "Third case")
	ws.writeInPlace("cases/2024/third.md", watchCase("Third case, edited", "collaboration"))
	ws.waitCase("third", http.StatusOK, "Third case, edited")
	ws.rename("cases/2024", "cases/archive")
	ws.writeInPlace("cases/archive/third.md", watchCase("Third case, archived", "collaboration"))
	ws.waitCase("third", http.StatusOK, "Third case, archived")
	ws.remove("cases/archive")
	ws.waitCase("third", http.StatusNotFound, "")

	// A folder moved in with files already in it.
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "fourth.md"), []byte(watchCase("Fourth case", "collaboration")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(outside, filepath.Join(ws.dir, "cases", "moved")); err != nil {
		t.Skipf("cannot move a folder into the content folder: %v", err)
	}
	ws.waitCase("fourth", http.StatusOK, "Fourth case")

	log := ws.logText()
	for _, want := range []string{"msg=\"watching for changes\"", "msg=\"content reloaded\""} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q", want)
		}
	}
}

func TestWatchBrokenEdit(t *testing.T) {
	ws := startWatch(t, map[string]string{
		"factors/collaboration.md": collaborationFactor,
		"cases/hubs.md":            watchCase("Community hubs", "collaboration"),
	})
	ws.waitCase("hubs", http.StatusOK, "Community hubs")
	if code, body := ws.get("/"); code != http.StatusOK {
		t.Fatalf("/: %d", code)
	} else if text, ok := webtest.Banner(t, body); ok {
		t.Fatalf("banner shown without problems: %s", text)
	}

	// A broken edit: the last good version keeps serving and the problem
	// is listed, with its file and line.
	broken := strings.Replace(watchCase("Community hubs, broken", "collaboration"), "level: local", "level: city", 1)
	ws.write("cases/hubs.md", broken)
	ws.waitProblem("cases/hubs.md:5: level must be one of", true)
	ws.waitCase("hubs", http.StatusOK, "Community hubs")
	if _, body := ws.get("/cases/hubs"); strings.Contains(body, "broken") {
		t.Error("the broken version is served")
	}
	if n := ws.searchTotal("hubs"); n != 1 {
		t.Errorf("search finds %d cases for hubs, want the last good one", n)
	}

	// The banner is on every page, HTML and error pages alike.
	for _, path := range []string{"/", "/cases", "/cases/hubs", "/factors", "/about", "/no-such-page"} {
		_, body := ws.get(path)
		text, ok := webtest.Banner(t, body)
		if !ok || !strings.Contains(text, "1 problem in the content") || !strings.Contains(text, "cases/hubs.md:5: level must be one of") {
			t.Errorf("%s: banner %v %q", path, ok, text)
		}
		webtest.CheckPage(t, body)
	}
	if !strings.Contains(ws.logText(), "serving the last good version") {
		t.Error("the log does not say the last good version is served")
	}

	// A file that never was good stays out, and is reported.
	ws.write("cases/new.md", "---\ntitle: [unclosed\n---\n")
	ws.waitProblem("cases/new.md:", true)
	if code, _ := ws.get("/cases/new"); code != http.StatusNotFound {
		t.Errorf("/cases/new: %d, want 404", code)
	}
	ws.remove("cases/new.md")
	ws.waitProblem("cases/new.md", false)

	// Fixing the file serves it and clears the problem and the banner.
	ws.write("cases/hubs.md", watchCase("Community hubs, fixed", "collaboration"))
	ws.waitCase("hubs", http.StatusOK, "Community hubs, fixed")
	ws.waitProblem("cases/hubs.md", false)
	if _, body := ws.get("/cases/hubs"); strings.Contains(body, "problems-banner") {
		t.Error("the banner stays after the fix")
	}
	if ps := ws.problems(); len(ps) != 0 {
		t.Errorf("problems after the fix: %q", ps)
	}
	if !strings.Contains(ws.logText(), "msg=\"content problem fixed\"") {
		t.Error("the log does not report the fix")
	}
}

func TestWatchFactors(t *testing.T) {
	ws := startWatch(t, map[string]string{
		"factors/collaboration.md": collaborationFactor,
		"factors/leadership.md":    "---\ntitle: Committed leadership\nsummary: Leaders back it.\n---\n",
		"cases/hubs.md":            watchCase("Community hubs", "collaboration, leadership"),
		"cases/lonely.md":          watchCase("Lonely case", "collaboration"),
	})
	ws.waitCase("hubs", http.StatusOK, "Committed leadership")

	// A factor edited: its new title shows on the cases that list it.
	ws.write("factors/leadership.md", "---\ntitle: Visible leadership\nsummary: Leaders back it.\n---\n")
	ws.waitCase("hubs", http.StatusOK, "Visible leadership")

	// A broken factor edit keeps the last good version.
	ws.write("factors/leadership.md", "---\ntitle: Visible leadership\n---\n")
	ws.waitProblem("factors/leadership.md", true)
	ws.waitCase("hubs", http.StatusOK, "Visible leadership")
	if code, _ := ws.get("/factors/leadership"); code != http.StatusOK {
		t.Errorf("/factors/leadership: %d while its file is broken", code)
	}

	// A factor deleted: it stays served from its last good version, with one
	// problem naming the deleted file and how many cases use it.
	ws.remove("factors/leadership.md")
	ws.waitProblem(`factors/leadership.md: factors/leadership.md was deleted, but 1 case uses the factor "leadership"`, true)
	ws.waitCase("hubs", http.StatusOK, "Visible leadership")
	if code, _ := ws.get("/factors/leadership"); code != http.StatusOK {
		t.Errorf("/factors/leadership: %d after its file was removed, want 200 (its last good version)", code)
	}

	// A factor renamed: the same, and the new file serves too.
	ws.rename("factors/collaboration.md", "factors/teamwork.md")
	ws.waitProblem(`factors/collaboration.md: factors/collaboration.md was deleted, but 2 cases use the factor "collaboration"`, true)
	ws.waitCase("lonely", http.StatusOK, "Lonely case")
	ws.waitCase("hubs", http.StatusOK, "Community hubs")
	if ps := ws.problems(); len(ps) != 3 || !strings.Contains(ps[2], `no case lists the factor "teamwork"`) {
		t.Errorf("problems = %q, want one per deleted factor and the unused teamwork", ps)
	}
	if _, body := ws.get("/"); !strings.Contains(body, `factors/collaboration.md was deleted, but 2 cases use the factor &#34;collaboration&#34;`) {
		t.Error("the banner does not name the deleted factor file")
	}

	// Restored: the problems go.
	ws.rename("factors/teamwork.md", "factors/collaboration.md")
	ws.write("factors/leadership.md", "---\ntitle: Committed leadership\nsummary: Leaders back it.\n---\n")
	ws.waitProblem("was deleted", false)
	ws.waitCase("hubs", http.StatusOK, "Committed leadership")
}

func TestWatchSynonyms(t *testing.T) {
	ws := startWatch(t, map[string]string{
		"factors/collaboration.md": collaborationFactor,
		"cases/parks.md":           watchCase("Park budgets", "collaboration"),
	})
	ws.waitCase("parks", http.StatusOK, "Park budgets")
	if n := ws.searchTotal("pb"); n != 0 {
		t.Fatalf("pb finds %d cases before synonyms.yaml exists", n)
	}

	ws.write("synonyms.yaml", "- [participatory budgeting, pb]\n")
	ws.eventually("pb to find the case through synonyms.yaml", func() (bool, string) {
		n := ws.searchTotal("pb")
		return n == 1, fmt.Sprintf("%d results", n)
	})

	// A broken synonyms.yaml keeps the last good groups.
	ws.writeInPlace("synonyms.yaml", "- [participatory budgeting, pb\n")
	ws.waitProblem("synonyms.yaml:", true)
	if n := ws.searchTotal("pb"); n != 1 {
		t.Errorf("pb finds %d cases while synonyms.yaml is broken, want 1", n)
	}

	ws.remove("synonyms.yaml")
	ws.waitProblem("synonyms.yaml", false)
	ws.eventually("pb to find nothing once synonyms.yaml is removed", func() (bool, string) {
		n := ws.searchTotal("pb")
		return n == 0, fmt.Sprintf("%d results", n)
	})
}

// TestWatchScanMatchesLoad checks that the watcher reads a folder into the
// same catalogue and problems as catalog.Load.
func TestWatchScanMatchesLoad(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"factors/collaboration.md": collaborationFactor,
		"factors/unused.md":        "---\ntitle: Unused\nsummary: Nobody.\n---\n",
		"factors/broken.md":        "---\ntitle: Broken\n---\n",
		"cases/a.md":               watchCase("A", "collaboration"),
		"cases/sub/b.md":           watchCase("B", "collaboration, nope"),
		"cases/.hidden/c.md":       watchCase("C", "collaboration"),
		"cases/README.md":          "notes",
		"cases/notes.txt":          "notes",
		"cases/Bad_Name.md":        watchCase("Bad", "collaboration"),
		"cases/dup/a.md":           watchCase("A again", "collaboration"),
		"cases/empty.md":           "",
		"synonyms.yaml":            "- [a, b]\n- [c]\n",
	})
	want, err := catalog.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	w, err := newWatcher(dir, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	got := w.scan()
	if !reflect.DeepEqual(problemTexts(got.Problems), problemTexts(want.Problems)) {
		t.Errorf("problems:\n got %q\nwant %q", problemTexts(got.Problems), problemTexts(want.Problems))
	}
	if len(got.Cases) != len(want.Cases) || len(got.Factors) != len(want.Factors) || !reflect.DeepEqual(got.Synonyms, want.Synonyms) {
		t.Errorf("got %d cases, %d factors, synonyms %q; want %d, %d, %q",
			len(got.Cases), len(got.Factors), got.Synonyms, len(want.Cases), len(want.Factors), want.Synonyms)
	}
	for i := range min(len(got.Cases), len(want.Cases)) {
		if g, w := got.Cases[i], want.Cases[i]; g.Path != w.Path || !reflect.DeepEqual(g.Factors, w.Factors) {
			t.Errorf("case %d: %s %v, want %s %v", i, g.Path, g.Factors, w.Path, w.Factors)
		}
	}
	// Nothing changed: applying every path again changes nothing.
	if w.apply(w.everything()) {
		t.Error("a rescan of an unchanged folder reports a change")
	}

	// Changes made while no event was seen (as after an event queue
	// overflow) are all found by a rescan.
	if err := os.Remove(filepath.Join(dir, "cases", "sub", "b.md")); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"cases/new/d.md":    watchCase("D", "collaboration, unused"),
		"factors/broken.md": "---\ntitle: Broken\nsummary: Fixed now.\n---\n",
		"synonyms.yaml":     "- [a, b]\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !w.apply(w.everything()) {
		t.Fatal("a rescan does not see the changes")
	}
	got = w.tree.Catalog()
	if want, err = catalog.Load(os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(problemTexts(got.Problems), problemTexts(want.Problems)) {
		t.Errorf("problems after a rescan:\n got %q\nwant %q", problemTexts(got.Problems), problemTexts(want.Problems))
	}
	if len(got.Cases) != len(want.Cases) || len(got.Factors) != len(want.Factors) || !reflect.DeepEqual(got.Synonyms, want.Synonyms) {
		t.Errorf("after a rescan got %d cases, %d factors, synonyms %q; want %d, %d, %q",
			len(got.Cases), len(got.Factors), got.Synonyms, len(want.Cases), len(want.Factors), want.Synonyms)
	}
	if !w.dirs["cases/new"] {
		t.Error("the new folder is not watched")
	}
}

func problemTexts(ps catalog.Problems) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func TestWatchUsage(t *testing.T) {
	code, _, stderr := runCLI(t, "serve", "--watch", "--addr", "127.0.0.1:0")
	if code != exitUsage || !strings.Contains(stderr, "--watch needs --content") {
		t.Errorf("serve --watch without --content: exit %d\n%s", code, stderr)
	}
}
