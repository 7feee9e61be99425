package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/webtest"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Widths of the two screen sizes the tests look at, in CSS pixels.
const (
	desktopWidth, desktopHeight = 1280, 900
	phoneWidth, phoneHeight     = 390, 844
)

// tabTimeout bounds everything one test does in its tab.
const tabTimeout = 90 * time.Second

// required turns a missing browser or axe-core into a failure, not a skip.
// .ci/run sets it, so that CI never passes by skipping.
var required = truthy(os.Getenv("CASEBOOK_BROWSER_REQUIRED"))

func truthy(s string) bool {
	b, err := strconv.ParseBool(s)
	return err == nil && b
}

// site is a running casebook server and a headless browser to look at it.
type site struct {
	bin     string          // the casebook binary
	base    string          // http://127.0.0.1:PORT, no trailing slash
	browser context.Context // chromedp context of the browser; tabs are its children
	log     *syncBuffer     // the server's log
}

var (
	setupOnce  sync.Once
	shared     *site
	skipReason string // a missing prerequisite
	setupErr   error  // anything else that went wrong
	cleanups   []func()
)

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	os.Exit(code)
}

// needSite returns the shared server and browser, starting them on first
// use. Without Chromium the test skips, or fails when CASEBOOK_BROWSER_REQUIRED is set.
func needSite(t *testing.T) *site {
	t.Helper()
	setupOnce.Do(func() { shared, skipReason, setupErr = setup() })
	if skipReason != "" {
		if required {
			t.Fatalf("%s (CASEBOOK_BROWSER_REQUIRED is set, so this is a failure)", skipReason)
		}
		t.Skip(skipReason)
	}
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("the last lines of the server log:\n%s", shared.log.tail(30))
		}
	})
	return shared
}

func setup() (*site, string, error) {
	chromium, reason := findChromium()
	if reason != "" {
		return nil, reason, nil
	}
	bin, err := casebookBinary()
	if err != nil {
		return nil, "", err
	}
	s := &site{bin: bin, log: &syncBuffer{}}
	var stop func()
	if s.base, stop, err = startServer(bin, s.log); err != nil {
		return nil, "", err
	}
	cleanups = append(cleanups, stop)
	if s.browser, err = startBrowser(chromium); err != nil {
		return nil, "", err
	}
	return s, "", nil
}

// findChromium returns the browser to drive, or why there is none.
func findChromium() (path, reason string) {
	if p := os.Getenv("CASEBOOK_CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", fmt.Sprintf("CASEBOOK_CHROMIUM=%s names no program to run (%v): unset it, or point it at a Chromium or Chrome binary", p, err)
		}
		return p, ""
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, ""
		}
	}
	return "", "no Chromium to run the browser tests: install Debian's chromium package (apt-get install -y chromium) or set CASEBOOK_CHROMIUM to a Chromium or Chrome binary"
}

// casebookBinary builds the casebook command into a temporary folder, or
// returns $CASEBOOK_BINARY when set.
func casebookBinary() (string, error) {
	if p := os.Getenv("CASEBOOK_BINARY"); p != "" {
		return p, nil
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		goCmd = filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	}
	dir, err := os.MkdirTemp("", "casebook-browsertest-")
	if err != nil {
		return "", err
	}
	cleanups = append(cleanups, func() { os.RemoveAll(dir) })
	bin := filepath.Join(dir, "casebook")
	cmd := exec.Command(goCmd, "build", "-o", bin, "github.com/casebook/casebook/cmd/casebook")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building casebook: %v\n%s", err, out)
	}
	return bin, nil
}

// listeningURL finds the address in the server's "listening" log line.
var listeningURL = regexp.MustCompile(`url=(http://127\.0\.0\.1:[0-9]+)/`)

// startServer runs `casebook serve` on a free port, with the embedded
// catalogue unless args say otherwise, and waits until /healthz answers 200.
// It returns the base URL and a func that stops the server.
func startServer(bin string, log *syncBuffer, args ...string) (base string, stop func(), err error) {
	found := make(chan string, 1)
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Stdout = log
	cmd.Stderr = &addrFinder{log: log, found: found}
	if err := cmd.Start(); err != nil {
		return "", nil, fmt.Errorf("starting casebook serve: %w", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	halt := func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	}
	defer func() {
		if err != nil {
			halt()
		}
	}()

	select {
	case base = <-found:
	case <-exited:
		return "", nil, fmt.Errorf("casebook serve exited before listening:\n%s", log.tail(30))
	case <-time.After(60 * time.Second):
		return "", nil, fmt.Errorf("casebook serve did not say where it listens within a minute:\n%s", log.tail(30))
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base, halt, nil
			}
		}
		if time.Now().After(deadline) {
			return "", nil, fmt.Errorf("%s/healthz did not answer 200 within a minute:\n%s", base, log.tail(30))
		}
		select {
		case <-exited:
			return "", nil, fmt.Errorf("casebook serve exited:\n%s", log.tail(30))
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// addrFinder copies the server's log and sends the address of its
// "listening" line on found, once.
type addrFinder struct {
	log   *syncBuffer
	found chan<- string
	line  []byte // the start of a line not yet ended
	sent  bool
}

func (a *addrFinder) Write(p []byte) (int, error) {
	n, err := a.log.Write(p)
	if a.sent {
		return n, err
	}
	a.line = append(a.line, p...)
	for {
		i := bytes.IndexByte(a.line, '\n')
		if i < 0 {
			break
		}
		if m := listeningURL.FindSubmatch(a.line[:i]); m != nil {
			a.found <- string(m[1])
			a.sent, a.line = true, nil
			break
		}
		a.line = a.line[i+1:]
	}
	return n, err
}

// startBrowser starts headless Chromium with a fresh profile and no
// background traffic, and returns the context its tabs are made from.
func startBrowser(chromium string) (context.Context, error) {
	profile, err := os.MkdirTemp("", "casebook-chromium-")
	if err != nil {
		return nil, err
	}
	out := &syncBuffer{}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(desktopWidth, desktopHeight),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.CombinedOutput(out),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	cleanups = append(cleanups, func() {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(profile)
	})
	// The first Do starts the browser and ties it to browserCtx, so it
	// cannot take a timeout of its own; a timer cancels it instead.
	watchdog := time.AfterFunc(60*time.Second, cancelBrowser)
	err = chromedp.Do(browserCtx)
	watchdog.Stop()
	if err != nil {
		return nil, fmt.Errorf("starting %s: %v\n%s", chromium, err, out.tail(30))
	}
	return browserCtx, nil
}

// tab is one browser tab of a test.
type tab struct {
	t    *testing.T
	ctx  context.Context
	site *site
	js   bool
}

// newTab opens a tab of the given width, with JavaScript on or off.
func (s *site) newTab(t *testing.T, width int, js bool) *tab {
	t.Helper()
	tabCtx, cancel := chromedp.NewContext(s.browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(tabCtx, tabTimeout)
	t.Cleanup(cancelTimeout)
	tb := &tab{t: t, ctx: ctx, site: s, js: js}
	height := int64(desktopHeight)
	var vopts []chromedp.EmulateViewportOption
	if width <= phoneWidth {
		height = phoneHeight
		vopts = append(vopts, chromedp.EmulateMobile)
	}
	tb.do(chromedp.EmulateViewport(int64(width), height, vopts...))
	if !js {
		tb.disableJS()
	}
	return tb
}

// disableJS turns script execution off in the tab and proves it.
func (tb *tab) disableJS() {
	tb.t.Helper()
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		tb.t.Fatalf("turning JavaScript off: %v", err)
	}
	tb.expectJSOff()
}

// expectJSOff loads a page whose script would change its title and fails
// if it does. The journeys call it again at their end, to show that
// JavaScript stayed off across their navigations.
func (tb *tab) expectJSOff() {
	tb.t.Helper()
	probe := "data:text/html," + url.PathEscape(`<title>off</title><script>document.title = "on"</script>`)
	tb.do(chromedp.Navigate(probe))
	if title := tb.title(); title != "off" {
		tb.t.Fatalf("JavaScript runs in a tab where Emulation.setScriptExecutionDisabled turned it off: the probe page's title is %q", title)
	}
}

func (tb *tab) mode() string {
	if tb.js {
		return "JavaScript on"
	}
	return "JavaScript off"
}

// do runs actions in the tab and fails the test on error.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v", tb.mode(), err)
	}
}

// open loads a path of the site and expects 200.
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.openPage(mainPage{path: path})
}

// openPage loads a page and expects its status.
func (tb *tab) openPage(p mainPage) {
	tb.t.Helper()
	want := p.status
	if want == 0 {
		want = http.StatusOK
	}
	resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(tb.site.base+p.path))
	if err != nil {
		tb.t.Fatalf("%s: opening %s: %v", tb.mode(), p.path, err)
	}
	if int(resp.Status) != want {
		tb.t.Fatalf("%s: %s answered %d, want %d", tb.mode(), p.path, resp.Status, want)
	}
}

// follow runs actions that navigate (a click, Enter in a form) and waits
// for the new page, which must answer 200.
func (tb *tab) follow(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	resp, err := chromedp.RunResponse(tb.ctx, actions...)
	if err != nil {
		tb.t.Fatalf("%s: %s: %v", tb.mode(), what, err)
	}
	if resp.Status != http.StatusOK {
		tb.t.Fatalf("%s: %s led to %s, which answered %d", tb.mode(), what, resp.URL, resp.Status)
	}
}

// location is the address of the page in the tab.
func (tb *tab) location() *url.URL {
	tb.t.Helper()
	loc, err := chromedp.Run(tb.ctx, chromedp.Location())
	if err != nil {
		tb.t.Fatalf("%s: %v", tb.mode(), err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		tb.t.Fatalf("%s: location %q: %v", tb.mode(), loc, err)
	}
	return u
}

func (tb *tab) title() string {
	tb.t.Helper()
	title, err := chromedp.Run(tb.ctx, chromedp.Title())
	if err != nil {
		tb.t.Fatalf("%s: %v", tb.mode(), err)
	}
	return title
}

// eval evaluates a JavaScript expression in the page and decodes its value.
// DevTools evaluation works with the page's own scripts turned off, so the
// tests read the page this way in both modes.
func eval[T any](tb *tab, expr string, opts ...chromedp.EvaluateOption) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		tb.t.Fatalf("%s: evaluating %.80q: %v", tb.mode(), expr, err)
	}
	return v
}

// syncBuffer collects a process's output for error messages.
type syncBuffer struct{ webtest.LogBuffer }

// tail returns the last n lines.
func (b *syncBuffer) tail(n int) string {
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
