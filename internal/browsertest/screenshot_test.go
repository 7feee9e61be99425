package browsertest

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

var (
	shotsOnce sync.Once
	shotsDir  string
	shotsErr  error
)

// screenshotDir is $CASEBOOK_SCREENSHOTS, or casebook-screenshots in the
// system's temporary folder. It is made on first use and kept, so a person
// can look at the pictures after the run.
func screenshotDir(t *testing.T) string {
	t.Helper()
	shotsOnce.Do(func() {
		shotsDir = os.Getenv("CASEBOOK_SCREENSHOTS")
		if shotsDir == "" {
			shotsDir = filepath.Join(os.TempDir(), "casebook-screenshots")
		}
		if shotsDir, shotsErr = filepath.Abs(shotsDir); shotsErr == nil {
			shotsErr = os.MkdirAll(shotsDir, 0o755)
		}
	})
	if shotsErr != nil {
		t.Fatalf("screenshot folder: %v", shotsErr)
	}
	return shotsDir
}

// screenshot writes a PNG of the tab, the whole page or only the viewport,
// to the screenshot folder as NAME.png, and returns its path.
func (tb *tab) screenshot(name string, full bool) string {
	tb.t.Helper()
	action := chromedp.CaptureScreenshot()
	if full {
		action = chromedp.FullScreenshot(100) // 100: PNG
	}
	png, err := chromedp.Run(tb.ctx, action)
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(screenshotDir(tb.t), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	return path
}

// TestScreenshots saves full-page pictures of the home page, a result page
// and a case page at desktop and phone width, for a person to look at.
func TestScreenshots(t *testing.T) {
	s := needSite(t)
	pages := mainPages(t, s)
	var shots []mainPage
	for _, p := range pages {
		switch p.name {
		case "home", "search", "case":
			shots = append(shots, p)
		}
	}
	for _, size := range []struct {
		name  string
		width int
	}{{"desktop", desktopWidth}, {"phone", phoneWidth}} {
		tb := s.newTab(t, size.width, true)
		for _, p := range shots {
			tb.openPage(p)
			tb.screenshot(p.name+"-"+size.name, true)
		}
	}
	t.Logf("screenshots of %d pages at %d and %d pixels wide are in %s", len(shots), desktopWidth, phoneWidth, screenshotDir(t))
}
