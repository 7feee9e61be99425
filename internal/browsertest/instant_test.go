package browsertest

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// waitFor polls a JavaScript condition until it is true, or fails the test
// with what after 15 seconds.
func (tb *tab) waitFor(what, cond string) {
	tb.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !eval[bool](tb, `!!(`+cond+`)`) {
		if time.Now().After(deadline) {
			tb.t.Fatalf("%s: waited 15 s on %s for %s; the results heading says %q", tb.mode(), tb.location().RequestURI(), what, tb.text("#results-count"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// markPage sets a variable on the page's window: it survives updates in
// place and is gone after a page load.
func (tb *tab) markPage() { eval[int](tb, `window.casebookMarker = 17`) }

func (tb *tab) expectNoPageLoad(step string) {
	tb.t.Helper()
	if !eval[bool](tb, `window.casebookMarker === 17`) {
		tb.t.Fatalf("%s: %s loaded a new page; it should update the page in place", tb.mode(), step)
	}
}

// headingFor is a condition: the results heading names the search words.
func headingFor(words string) string {
	return `(document.getElementById("results-count") || {}).textContent.includes(` + strconv.Quote("“"+words+"”") + `)`
}

// fragmentGaps returns the times between the page's requests for result
// fragments, in milliseconds, as the browser's resource timing saw them.
func (tb *tab) fragmentGaps() []float64 {
	tb.t.Helper()
	return eval[[]float64](tb, `(() => {
  const t = performance.getEntriesByType("resource").filter(e => e.name.includes("fragment=")).map(e => e.startTime);
  return t.slice(1).map((s, i) => s - t[i]);
})()`)
}

// prefixWorks reports whether the server already treats prefix=1 as the
// contract says (the last word also matches as a prefix): "participatory
// budg" then finds cases, as it does not with whole words. Until package
// search supports it, the parameter is ignored.
func prefixWorks(t *testing.T, s *site) bool {
	total := func(query string) int {
		var res apiSearch
		if err := getJSON(s.base+"/api/v1/search?"+query, &res); err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	return total("prefix=1&q=participatory+budg") > total("q=participatory+budg")
}

// TestInstantResults types into the search box of /cases and ticks filters
// with JavaScript on: the results, the URL and the live region follow
// without a page load, requests are at least 150 ms apart, Back undoes the
// last ticked filter, the focus stays where it was, axe-core still passes,
// and pressing Enter submits a whole-word search.
func TestInstantResults(t *testing.T) {
	s := needSite(t)
	tb := s.newTab(t, desktopWidth, true)
	tb.open("/cases")
	if !eval[bool](tb, `window.casebookSearch === true`) {
		t.Fatalf("search.js did not run on /cases")
	}
	tb.markPage()

	// 1. Type "particip": the results update in place, the URL follows.
	tb.do(chromedp.Click(chromedp.ID("q")), chromedp.KeyEvent("particip"))
	tb.waitFor("the heading to name “particip”", headingFor("particip"))
	tb.expectNoPageLoad("typing “particip”")
	if q := tb.location().Query(); q.Get("q") != "particip" || q.Has("prefix") || q.Has("fragment") {
		t.Errorf("after typing “particip” the address is %s, want q=particip and no prefix or fragment", tb.location().RequestURI())
	}
	if prefixWorks(t, s) {
		tb.waitFor("a result for the prefix “particip”", `[...document.querySelectorAll(".results .result-title a")].some(a => /particip/i.test(a.textContent))`)
	} else {
		t.Logf("the server does not yet answer prefix=1 (package search); “particip” shows: %q", tb.text("#results-count"))
	}

	// 2. Go on typing: "participatory budg".
	tb.do(chromedp.KeyEvent("atory budg"))
	tb.waitFor("the heading to name “participatory budg”", headingFor("participatory budg"))
	tb.expectNoPageLoad("typing “atory budg”")
	if got := tb.location().Query().Get("q"); got != "participatory budg" {
		t.Errorf("after typing, the address is %s, want q=participatory budg", tb.location().RequestURI())
	}
	if !tb.isActive("#q") {
		t.Errorf("after the update the focus is on %s, want the search box", tb.active())
	}
	tb.waitFor("the live region to announce the count", `document.getElementById("results-status").textContent === document.getElementById("results-count").textContent.trim()`)
	if prefixWorks(t, s) && tb.count(".results .result") == 0 {
		t.Errorf("“participatory budg” typed (prefix) finds nothing: %q", tb.text("#results-count"))
	}
	for _, gap := range tb.fragmentGaps() {
		if gap < 149 { // resource timing rounds; 150 ms is the rule
			t.Errorf("two requests for results only %.0f ms apart while typing; want at least 150 ms", gap)
		}
	}

	// 3. Clear the words and tick two filters: each applies at once.
	tb.do(chromedp.Click(chromedp.ID("q")), chromedp.KeyEvent(kb.End))
	for range len("participatory budg") {
		tb.do(chromedp.KeyEvent(kb.Backspace))
	}
	tb.waitFor("all cases after clearing the words", `!location.search.includes("q=") && /cases found$/.test(document.getElementById("results-count").textContent.trim())`)
	first := tb.tick("factor")
	if n := tb.count(".applied .applied-filter"); n != 1 {
		t.Errorf("after ticking %s, “Your filters” lists %d filters, want 1", first, n)
	}
	second := tb.tick("level")
	tb.expectNoPageLoad("ticking two filters")
	if got := tb.location().Query(); got.Get("factor") != first || got.Get("level") != second {
		t.Fatalf("after ticking, the address is %s, want factor=%s and level=%s", tb.location().RequestURI(), first, second)
	}

	// 4. Back undoes the last ticked filter, in place.
	eval[chromedp.Void](tb, `history.back()`)
	tb.waitFor("Back to drop level="+second, `!new URLSearchParams(location.search).has("level") && ![...document.querySelectorAll("input[name=level]")].some(b => b.checked)`)
	tb.expectNoPageLoad("going Back")
	if got := tb.location().Query(); got.Get("factor") != first {
		t.Errorf("after Back the address is %s, want factor=%s kept", tb.location().RequestURI(), first)
	}
	if !eval[bool](tb, `[...document.querySelectorAll("input[name=factor]")].some(b => b.checked && b.value === `+strconv.Quote(first)+`)`) {
		t.Errorf("after Back the factor %s is not ticked", first)
	}

	// 5. axe-core passes on the updated page, live region included.
	source := needAxe(t)
	report := runAxe(tb, source)
	for _, v := range report.Violations {
		if blocking(v.Impact) {
			var b strings.Builder
			writeAxeResult(&b, v)
			t.Errorf("after updates in place: %s", b.String())
		}
	}

	// 6. A submitted search is whole-word: no prefix in the address.
	tb.do(chromedp.Click(chromedp.ID("q")), chromedp.KeyEvent("budget"))
	tb.follow("pressing Enter in the search box", chromedp.KeyEvent(kb.Enter))
	if q := tb.location().Query(); q.Get("q") != "budget" || q.Has("prefix") {
		t.Errorf("the submitted search went to %s, want q=budget without prefix", tb.location().RequestURI())
	}
}

// tick clicks the first unticked checkbox of a filter and waits for the
// address to carry it; the focus must stay on that checkbox. It returns
// the value ticked.
func (tb *tab) tick(param string) string {
	tb.t.Helper()
	box := eval[*struct {
		ID    string `json:"id"`
		Value string `json:"value"`
	}](tb, `(() => { const b = document.querySelector("input[type=checkbox][name=`+param+`]:not(:checked)"); return b ? {id: b.id, value: b.value} : null; })()`)
	if box == nil {
		tb.t.Fatalf("/cases has no %s checkbox to tick", param)
	}
	tb.do(chromedp.Click(chromedp.ID(box.ID)))
	tb.waitFor(fmt.Sprintf("%s=%s in the address and under “Your filters”", param, box.Value),
		`new URLSearchParams(location.search).getAll(`+strconv.Quote(param)+`).includes(`+strconv.Quote(box.Value)+`) && document.querySelector(".applied")`)
	if !tb.isActive("#" + box.ID) {
		tb.t.Errorf("after ticking %s=%s in place, the focus is on %s, want the checkbox", param, box.Value, tb.active())
	}
	return box.Value
}

// TestInstantKeyboard uses /cases with the keyboard only: the "Skip to
// the results" link at desktop width, the arrow keys between the search
// box and the results, and the box that narrows a long filter list.
func TestInstantKeyboard(t *testing.T) {
	s := needSite(t)
	tb := s.newTab(t, desktopWidth, true)
	tb.open("/cases?q=" + url.QueryEscape(searchWord))
	unfocused := tb.styleOf(".skip-results a")
	n := tb.tabTo(".skip-results a", 12)
	t.Logf("“Skip to the results” is %d presses of Tab from the top of the page", n)
	tb.expectFocusRing("the “Skip to the results” link", ".skip-results a", unfocused)
	tb.do(chromedp.KeyEvent(kb.Enter))
	if !tb.isActive("#results-count") {
		t.Errorf("Enter on “Skip to the results” focuses %s, want the results heading", tb.active())
	}
	tb.do(chromedp.KeyEvent(kb.Tab))
	if !tb.isActive(".results .result-title a") {
		t.Errorf("Tab after “Skip to the results” focuses %s, want the first result", tb.active())
	}

	// Arrow keys: down from the search box to the results, up back again.
	if tb.count(".results .result-title a") < 2 {
		t.Fatalf("a search for %q shows fewer than two results", searchWord)
	}
	tb.do(chromedp.Focus(chromedp.ID("q")), chromedp.KeyEvent(kb.ArrowDown))
	expectNth := func(step string, i int) {
		t.Helper()
		if !eval[bool](tb, `document.activeElement === document.querySelectorAll(".results .result-title a")[`+strconv.Itoa(i)+`]`) {
			t.Errorf("after %s the focus is on %s, want result %d", step, tb.active(), i+1)
		}
	}
	expectNth("down from the search box", 0)
	tb.do(chromedp.KeyEvent(kb.ArrowDown))
	expectNth("down from the first result", 1)
	tb.do(chromedp.KeyEvent(kb.ArrowUp))
	expectNth("up from the second result", 0)
	tb.do(chromedp.KeyEvent(kb.ArrowUp))
	if !tb.isActive("#q") {
		t.Errorf("up from the first result focuses %s, want the search box", tb.active())
	}

	// A long filter list narrows as one types into its box.
	tb.open("/cases")
	box := eval[string](tb, `(b => b ? b.id : "")(document.querySelector("fieldset[data-find] .find-input"))`)
	if box == "" {
		t.Fatalf("no filter on /cases has a box to narrow its list (want one for lists of more than 8 values)")
	}
	fs := `document.getElementById(` + strconv.Quote(box) + `).closest("fieldset")`
	all := eval[int](tb, fs+`.querySelectorAll("li.checkbox").length`)
	word := eval[string](tb, `(l => l.firstChild.textContent.trim().slice(0, 4))(`+fs+`.querySelector("li.checkbox:last-child label"))`)
	tb.do(chromedp.Focus(chromedp.ID(box)), chromedp.KeyEvent(word))
	shown := eval[[]string](tb, `[...`+fs+`.querySelectorAll("li.checkbox")].filter(li => li.getClientRects().length > 0).map(li => li.querySelector("label").firstChild.textContent.trim())`)
	if len(shown) == 0 || len(shown) >= all {
		t.Errorf("typing %q into %s shows %d of %d values, want fewer but some", word, box, len(shown), all)
	}
	for _, v := range shown {
		if !strings.Contains(strings.ToLower(v), strings.ToLower(word)) {
			t.Errorf("typing %q into %s still shows %q", word, box, v)
		}
	}
	tb.do(chromedp.KeyEvent(kb.Tab))
	if !eval[bool](tb, `document.activeElement.type === "checkbox" && document.activeElement.closest("fieldset") === `+fs) {
		t.Errorf("Tab from the find box focuses %s, want a matching checkbox", tb.active())
	}
}

// TestInstantHomePreview types into the home page's search box: a short
// list of results appears under it and the arrow keys reach it.
func TestInstantHomePreview(t *testing.T) {
	s := needSite(t)
	tb := s.newTab(t, desktopWidth, true)
	tb.open("/")
	tb.markPage()
	tb.do(chromedp.Click(chromedp.ID("home-q")), chromedp.KeyEvent(searchWord))
	tb.waitFor("the home page's preview", `!document.getElementById("home-preview").hidden && (document.getElementById("preview-count") || {}).textContent.includes(`+strconv.Quote("“"+searchWord+"”")+`)`)
	tb.expectNoPageLoad("typing on the home page")
	if tb.location().Path != "/" {
		t.Errorf("typing on the home page went to %s", tb.location().RequestURI())
	}
	if got := tb.text("#home-status"); got != tb.text("#preview-count") {
		t.Errorf("the live region says %q, want the count %q", got, tb.text("#preview-count"))
	}
	if n := tb.count("#home-preview .results .result"); n == 0 || n > 5 {
		t.Errorf("the preview shows %d results, want 1 to 5", n)
	}
	tb.do(chromedp.KeyEvent(kb.ArrowDown))
	if !tb.isActive("#home-preview .result-title a") {
		t.Errorf("the down arrow from the search box focuses %s, want the first result", tb.active())
	}
}

// TestFiltersWithoutJavaScript checks /cases with JavaScript off: no find
// boxes, the "Skip to the results" link, and the Apply button still on
// screen when the last filter is reached.
func TestFiltersWithoutJavaScript(t *testing.T) {
	s := needSite(t)
	tb := s.newTab(t, desktopWidth, false)
	tb.open("/cases")
	if n := tb.count(".find-input"); n != 0 {
		t.Errorf("with JavaScript off /cases shows %d find boxes, which cannot work", n)
	}
	if tb.count(".skip-results a") != 1 {
		t.Errorf("with JavaScript off /cases has no “Skip to the results” link")
	}
	if tb.count(".facet-hint") == 0 {
		t.Errorf("the filters do not say how ticked values combine")
	}
	inView := eval[bool](tb, `(() => {
  const boxes = document.querySelectorAll(".filters input[type=checkbox]");
  boxes[boxes.length - 1].closest("fieldset").scrollIntoView({block: "end"});
  document.getElementById("sort").scrollIntoView({block: "end"});
  const r = document.querySelector(".filters-apply").getBoundingClientRect();
  return r.top >= 0 && r.bottom <= innerHeight && r.width > 0;
})()`)
	if !inView {
		t.Errorf("with the last filters on screen, the Apply button is not: it must stay in reach")
	}
	tb.expectJSOff()
}
