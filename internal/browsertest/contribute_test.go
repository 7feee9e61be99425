package browsertest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestAccessibilityContributeForm runs axe-core on the contribute form,
// empty and after an empty submission shows its problems (422), and checks
// that each problem is tied to its field.
func TestAccessibilityContributeForm(t *testing.T) {
	source := needAxe(t)
	s := needSite(t)
	for _, size := range []struct {
		name  string
		width int
	}{{"desktop", desktopWidth}, {"phone", phoneWidth}} {
		t.Run(size.name, func(t *testing.T) {
			tb := s.newTab(t, size.width, true)
			tb.open("/contribute")
			axeClean(t, tb, source, "the empty form")
			tb.do(chromedp.SendKeys(chromedp.ID("year"), "soon"))
			resp, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(`form.contribute-form > p.form-actions > button[type=submit]`)))
			if err != nil {
				t.Fatalf("submitting the form: %v", err)
			}
			if resp.Status != http.StatusUnprocessableEntity {
				t.Fatalf("an empty submission answered %d, want 422", resp.Status)
			}
			if n := tb.count(".error-summary a"); n < 4 {
				t.Errorf("the error summary lists %d problems, want at least 4 (title, summary, country, year...)", n)
			}
			if d := eval[string](tb, `document.getElementById("year").getAttribute("aria-describedby")`); !strings.Contains(d, "year-error") {
				t.Errorf("the year field's aria-describedby = %q, want it to name year-error", d)
			}
			axeClean(t, tb, source, "the form with its problems")
		})
	}
}

// axeClean fails the test on serious or critical axe violations in the tab.
func axeClean(t *testing.T, tb *tab, source, what string) {
	t.Helper()
	var fail strings.Builder
	for _, v := range runAxe(tb, source).Violations {
		if blocking(v.Impact) {
			writeAxeResult(&fail, v)
		}
	}
	if fail.Len() > 0 {
		t.Errorf("%s: serious or critical accessibility violations:\n%s", what, fail.String())
	}
}
