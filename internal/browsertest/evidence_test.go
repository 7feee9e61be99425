package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/casebook/casebook/internal/webtest"
)

// writeCatalog writes files (path: text) into a new temporary folder and
// returns it, for `casebook serve --content`.
func writeCatalog(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestEvidencePanelAccessibility opens case pages with JavaScript off at
// desktop and phone width, checks that the Evidence panel shows what the
// case has (outcomes, the independent mark, review notices), and runs
// axe-core on the page as loaded without scripts, failing on serious or
// critical WCAG 2.1 A/AA violations. It covers an embedded case with outcomes and the cases of
// evidenceCatalog.
func TestEvidencePanelAccessibility(t *testing.T) {
	source := needAxe(t)
	s := needSite(t)
	var withOutcomes apiSearch
	if err := getJSON(s.base+"/api/v1/search?evidence_min=3&sort=title&per_page=1", &withOutcomes); err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	base, stop, err := startServer(s.bin, log, "--content", writeCatalog(t, webtest.EvidenceCatalog(time.Now())))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	own := *s
	own.base, own.log = base, log

	type evidencePage struct {
		site *site
		path string
		want []string // in the panel's text
	}
	pages := []evidencePage{
		{&own, "/cases/old-review", []string{"Level 2 of 5: data show a change.", "What the evidence levels mean",
			"2014 · Source: City press release", "Source: A printed evaluation (University Press, 2014) · Independent source",
			"Last checked against its sources on March 1, 2015.", "not been checked against its sources for more than two years"}},
		{&own, "/cases/stub-case", []string{"Evidence level: not yet assessed.", "This case is a stub",
			"This case has never been checked against its sources."}},
	}
	if len(withOutcomes.Results) == 1 {
		pages = append(pages, evidencePage{s, withOutcomes.Results[0].URL, []string{"Level ", "Source: "}})
	} else {
		t.Errorf("the embedded catalogue has no case with evidence level 3 or more to check")
	}
	for _, size := range []struct {
		name  string
		width int
	}{{"desktop", desktopWidth}, {"phone", phoneWidth}} {
		for _, p := range pages {
			t.Run(size.name+p.path, func(t *testing.T) {
				tb := p.site.newTab(t, size.width, false)
				tb.open(p.path)
				panel := tb.text("#case-evidence")
				for _, w := range p.want {
					if !strings.Contains(panel, w) {
						t.Errorf("%s: the Evidence panel lacks %q; it reads: %s", p.path, w, panel)
					}
				}
				// axe-core waits on timers, which do not fire while
				// scripts are off; the page has loaded without them, so
				// turn them on for the check alone.
				if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
					t.Fatalf("turning JavaScript on for axe-core: %v", err)
				}
				if fail := blockingViolations(runAxe(tb, source)); fail != "" {
					t.Errorf("%s with JavaScript off: serious or critical accessibility violations:\n%s", p.path, fail)
				}
				if p.site == &own && strings.HasSuffix(p.path, "old-review") {
					tb.screenshot("evidence-panel-"+size.name, true)
				}
			})
		}
	}
}

// glanceCasesPerTab is how many cases TestCaseGlanceFirstScreen opens in one tab.
const glanceCasesPerTab = 8

// TestCaseGlanceFirstScreen opens every embedded case on a phone (390
// pixels wide) and checks that the line with the status, the evidence
// level and the headline result lies wholly within the first screen.
func TestCaseGlanceFirstScreen(t *testing.T) {
	s := needSite(t)
	var all apiSearch
	if err := getJSON(s.base+"/api/v1/search?sort=title&per_page=100", &all); err != nil {
		t.Fatal(err)
	}
	if len(all.Results) == 0 {
		t.Fatal("the embedded catalogue has no cases")
	}
	var tb *tab
	worst := 0
	for i, r := range all.Results {
		if i%glanceCasesPerTab == 0 { // each tab has tabTimeout for all it does
			tb = s.newTab(t, phoneWidth, false)
		}
		tb.open(r.URL)
		g := eval[struct {
			Found  bool    `json:"found"`
			Top    float64 `json:"top"`
			Bottom float64 `json:"bottom"`
			Height float64 `json:"height"`
			Text   string  `json:"text"`
		}](tb, `(() => {
  const g = document.querySelector(".glance");
  if (!g) return {found: false};
  const r = g.getBoundingClientRect();
  return {found: true, top: r.top, bottom: r.bottom, height: window.innerHeight, text: g.innerText};
})()`)
		switch {
		case !g.Found:
			t.Errorf("%s has no glance line (.glance)", r.URL)
		case !strings.Contains(g.Text, "Evidence:"):
			t.Errorf("%s: the glance line does not give the evidence level: %q", r.URL, g.Text)
		case g.Top < 0 || g.Bottom > g.Height:
			t.Errorf("%s at %d pixels: the glance line spans %.0f to %.0f px, outside the first screen (0 to %.0f)", r.URL, phoneWidth, g.Top, g.Bottom, g.Height)
		}
		worst = max(worst, int(g.Bottom))
	}
	t.Logf("%d cases: the glance line ends at most %d px down a %d px screen", len(all.Results), worst, phoneHeight)
	tb.open(all.Results[0].URL)
	tb.screenshot("case-first-screen-phone", false)
}

// blockingViolations describes the serious and critical violations of an
// axe-core report, or returns "" when there are none.
func blockingViolations(report axeReport) string {
	var fail strings.Builder
	for _, v := range report.Violations {
		if blocking(v.Impact) {
			writeAxeResult(&fail, v)
		}
	}
	return fail.String()
}
