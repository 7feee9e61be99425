package browsertest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeTags are the axe-core rule tags checked: WCAG 2.0 and 2.1, levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

var (
	axeOnce   sync.Once
	axeSource string
	axePath   string
	axeErr    error
)

// needAxe returns the source of axe.min.js: $CASEBOOK_AXE, or the copy that
// `npm ci` in this folder installs. Without it the test skips, or fails
// when CASEBOOK_BROWSER_REQUIRED is set.
func needAxe(t *testing.T) string {
	t.Helper()
	axeOnce.Do(func() {
		axePath = os.Getenv("CASEBOOK_AXE")
		if axePath == "" {
			axePath = filepath.Join("node_modules", "axe-core", "axe.min.js")
		}
		var b []byte
		b, axeErr = os.ReadFile(axePath)
		axeSource = string(b)
	})
	if axeErr != nil {
		msg := fmt.Sprintf("no axe-core for the accessibility tests (%v): run `npm ci` in internal/browsertest, or set CASEBOOK_AXE to axe.min.js", axeErr)
		if required {
			t.Fatalf("%s (CASEBOOK_BROWSER_REQUIRED is set, so this is a failure)", msg)
		}
		t.Skip(msg)
	}
	return axeSource
}

// axeResult is the part of an axe-core rule result the test reports.
type axeResult struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target  []string `json:"target"`
		Impact  string   `json:"impact"`
		Summary string   `json:"summary"`
	} `json:"nodes"`
}

type axeReport struct {
	Violations []axeResult `json:"violations"`
	Incomplete []axeResult `json:"incomplete"`
	Passes     []string    `json:"passes"` // ids of the rules that passed
}

// blocking reports whether an impact fails the test.
func blocking(impact string) bool { return impact == "serious" || impact == "critical" }

// runAxe injects axe-core into the page and runs the WCAG 2.1 A and AA
// rules. The source goes in through DevTools' Runtime.evaluate, which runs in
// the page without a script element, so the site's Content-Security-Policy
// (default-src 'self') does not block it.
func runAxe(tb *tab, source string) axeReport {
	tb.t.Helper()
	if !eval[bool](tb, `typeof axe === "object"`) {
		eval[chromedp.Void](tb, source)
	}
	tags, _ := json.Marshal(axeTags)
	script := `axe.run(document, {runOnly: {type: "tag", values: ` + string(tags) + `}, resultTypes: ["violations", "incomplete"]})
  .then(r => {
    const pick = list => list.map(v => ({
      id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({
        target: n.target.map(s => [].concat(s).join(" >>> ")),
        impact: n.impact || "",
        summary: n.failureSummary || ""
      }))
    }));
    return {violations: pick(r.violations), incomplete: pick(r.incomplete), passes: r.passes.map(v => v.id)};
  })`
	return eval[axeReport](tb, script, chromedp.EvalAwaitPromise)
}

// TestAccessibility runs axe-core on every main page at desktop and phone
// width and fails on any serious or critical WCAG 2.1 A/AA violation.
// Lesser violations and results axe could not decide are logged.
func TestAccessibility(t *testing.T) {
	source := needAxe(t)
	s := needSite(t)
	pages := mainPages(t, s)
	for _, size := range []struct {
		name  string
		width int
	}{{"desktop", desktopWidth}, {"phone", phoneWidth}} {
		t.Run(size.name, func(t *testing.T) {
			for _, p := range pages {
				t.Run(p.name, func(t *testing.T) {
					tb := s.newTab(t, size.width, true)
					tb.openPage(p)
					report := runAxe(tb, source)
					var fail, note strings.Builder
					for _, v := range report.Violations {
						w := &note
						if blocking(v.Impact) {
							w = &fail
						}
						writeAxeResult(w, v)
					}
					for _, v := range report.Incomplete {
						if blocking(v.Impact) {
							fmt.Fprintf(&note, "needs review (axe could not decide): %s (%s) on %d element(s)\n", v.ID, v.Impact, len(v.Nodes))
						}
					}
					if note.Len() > 0 {
						t.Logf("%s: not failing the test:\n%s", p.path, note.String())
					}
					if fail.Len() > 0 {
						t.Errorf("%s: serious or critical accessibility violations (axe-core, %s):\n%s", p.path, strings.Join(axeTags, ", "), fail.String())
					}
				})
			}
		})
	}
}

func writeAxeResult(w *strings.Builder, v axeResult) {
	fmt.Fprintf(w, "%s (%s): %s\n  %s\n", v.ID, v.Impact, v.Help, v.URL)
	for _, n := range v.Nodes {
		fmt.Fprintf(w, "  - %s", strings.Join(n.Target, ", "))
		if n.Impact != "" && n.Impact != v.Impact {
			fmt.Fprintf(w, " [%s]", n.Impact)
		}
		if n.Summary != "" {
			fmt.Fprintf(w, "\n      %s", strings.ReplaceAll(strings.TrimSpace(n.Summary), "\n", "\n      "))
		}
		w.WriteString("\n")
	}
}

// TestAxeReportsViolations proves the check above can fail: it adds an
// image without alternative text, faint text and an unlabelled field to a
// page and expects axe-core to report each as serious or critical, with a
// selector that finds it.
func TestAxeReportsViolations(t *testing.T) {
	source := needAxe(t)
	s := needSite(t)
	tb := s.newTab(t, desktopWidth, true)
	tb.open("/about")
	// The DOM API, not markup: the site's Content-Security-Policy ignores
	// style attributes in markup, but not styles set from a script.
	eval[chromedp.Void](tb, `(() => {
  const main = document.querySelector("main");
  const img = document.createElement("img");
  img.id = "canary-img";
  img.src = document.querySelector("link[rel=icon]").href;
  const p = document.createElement("p");
  p.id = "canary-faint";
  p.textContent = "Faint text that few can read.";
  p.style.color = "#c8c8c8";
  p.style.background = "#ffffff";
  const input = document.createElement("input");
  input.id = "canary-input";
  input.type = "text";
  main.append(img, p, input);
})()`)
	report := runAxe(tb, source)
	want := map[string]string{"image-alt": "#canary-img", "color-contrast": "#canary-faint", "label": "#canary-input"}
	for _, v := range report.Violations {
		target, ok := want[v.ID]
		if !ok || !blocking(v.Impact) {
			continue
		}
		for _, n := range v.Nodes {
			if slices.Contains(n.Target, target) {
				delete(want, v.ID)
			}
		}
	}
	for rule, target := range want {
		t.Errorf("axe-core did not report %s as serious or critical on %s; it reported %+v", rule, target, report.Violations)
	}
}
