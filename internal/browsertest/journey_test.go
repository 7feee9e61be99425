package browsertest

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// link is a link as the tests read it from a page.
type link struct {
	Href string `json:"href"` // the attribute, as written in the page
	Text string `json:"text"`
}

// firstLink returns the first link that matches a CSS selector, or fails.
func (tb *tab) firstLink(selector string) link {
	tb.t.Helper()
	l := eval[*link](tb, `(() => {
  const a = document.querySelector(`+strconv.Quote(selector)+`);
  return a ? {href: a.getAttribute("href"), text: a.textContent.trim()} : null;
})()`)
	if l == nil {
		tb.t.Fatalf("%s: %s has no link %s", tb.mode(), tb.location().RequestURI(), selector)
	}
	return *l
}

// count is the number of elements that match a CSS selector.
func (tb *tab) count(selector string) int {
	tb.t.Helper()
	return eval[int](tb, `document.querySelectorAll(`+strconv.Quote(selector)+`).length`)
}

// text is the rendered text (innerText) of the first element that matches,
// with runs of white space made one space.
func (tb *tab) text(selector string) string {
	tb.t.Helper()
	return eval[string](tb, `(() => { const e = document.querySelector(`+strconv.Quote(selector)+`); return e ? e.innerText.replace(/\s+/g, " ").trim() : ""; })()`)
}

// expectPath fails unless the tab shows the given path.
func (tb *tab) expectPath(step, path string) *url.URL {
	tb.t.Helper()
	loc := tb.location()
	if loc.Path != path {
		tb.t.Fatalf("%s: after %s the page is %s, want %s", tb.mode(), step, loc.RequestURI(), path)
	}
	if main := tb.text("main"); main == "" {
		tb.t.Fatalf("%s: after %s, %s shows no text in <main>", tb.mode(), step, loc.RequestURI())
	}
	return loc
}

// TestJourney walks the main journey, once with JavaScript on and once off:
// search for a word from the home page, tick a success factor, apply the
// filters, open the first case and follow the factor it was filtered by to
// the factor's page. It uses the mouse and the keyboard only as a person
// would: typing into the search box and clicking.
func TestJourney(t *testing.T) {
	s := needSite(t)
	for _, js := range []bool{true, false} {
		name := "javascript-off"
		if js {
			name = "javascript-on"
		}
		t.Run(name, func(t *testing.T) {
			journey(s.newTab(t, desktopWidth, js))
		})
	}
}

func journey(tb *tab) {
	t := tb.t
	t.Helper()

	// 1. Search for a word from the home page.
	tb.open("/")
	tb.do(chromedp.SendKeys(chromedp.CSS("#home-q"), searchWord))
	tb.follow("searching from the home page", chromedp.Click(chromedp.CSS(`.hero form[role=search] button[type=submit]`)))
	loc := tb.expectPath("the search", "/cases")
	if got := loc.Query().Get("q"); got != searchWord {
		t.Fatalf("%s: the search went to %s, want q=%s", tb.mode(), loc.RequestURI(), searchWord)
	}
	if got := eval[string](tb, `document.getElementById("q").value`); got != searchWord {
		t.Errorf("%s: the results page's search box holds %q, want %q", tb.mode(), got, searchWord)
	}
	if n := tb.count(".results .result"); n == 0 {
		t.Fatalf("%s: a search for %q shows no results; heading: %q", tb.mode(), searchWord, tb.text("#results-count"))
	}

	// 2. Tick a success factor.
	box := eval[*struct {
		ID    string `json:"id"`
		Value string `json:"value"`
	}](tb, `(() => { const b = document.querySelector("input[type=checkbox][name=factor]:not(:checked)"); return b ? {id: b.id, value: b.value} : null; })()`)
	if box == nil {
		t.Fatalf("%s: the results page has no success factor checkbox", tb.mode())
	}
	tb.do(chromedp.Click(chromedp.ID(box.ID)))
	if !eval[bool](tb, `document.getElementById(`+strconv.Quote(box.ID)+`).checked`) {
		t.Fatalf("%s: clicking the checkbox %s did not tick it", tb.mode(), box.ID)
	}
	if tb.js { // the ticked filter applies at once, in place; Apply still loads the page
		tb.waitFor("the ticked factor to apply at once", `new URLSearchParams(location.search).getAll("factor").includes(`+strconv.Quote(box.Value)+`)`)
	}

	// 3. Apply the filters.
	tb.follow("applying the filters", chromedp.Click(chromedp.CSS(`.filters button[type=submit]`)))
	loc = tb.expectPath("applying the filters", "/cases")
	if q := loc.Query(); q.Get("q") != searchWord || !contains(q["factor"], box.Value) {
		t.Fatalf("%s: applying the filters went to %s, want q=%s and factor=%s", tb.mode(), loc.RequestURI(), searchWord, box.Value)
	}
	if !eval[bool](tb, `[...document.querySelectorAll("input[name=factor]")].some(b => b.checked && b.value === `+strconv.Quote(box.Value)+`)`) {
		t.Errorf("%s: after applying, the factor %s is not ticked", tb.mode(), box.Value)
	}
	if tb.count(".applied .applied-filter") == 0 {
		t.Errorf("%s: after applying, the page lists no filters under “Your filters”", tb.mode())
	}
	if tb.count(".results .result") == 0 {
		t.Fatalf("%s: the factor %s, offered with a count, leaves no results", tb.mode(), box.Value)
	}

	// 4. Open the first case.
	first := tb.firstLink(".results .result-title a")
	tb.follow("opening the first case", chromedp.Click(chromedp.CSS(".results .result-title a")))
	tb.expectPath("opening the first case", first.Href)
	if h1 := tb.text("main h1"); h1 != first.Text {
		t.Errorf("%s: the case page's heading is %q, want the result's title %q", tb.mode(), h1, first.Text)
	}

	// 5. Follow the factor the results were filtered by: the case must show it.
	factorPath := "/factors/" + box.Value
	sel := `#case-factors a[href=` + strconv.Quote(factorPath) + `]`
	factor := tb.firstLink(sel)
	tb.follow("following the case's factor", chromedp.Click(chromedp.CSS(sel)))
	tb.expectPath("following the case's factor", factorPath)
	if h1 := tb.text("main h1"); h1 != factor.Text {
		t.Errorf("%s: the factor page's heading is %q, want the link's text %q", tb.mode(), h1, factor.Text)
	}
	if tb.count(`main a[href=`+strconv.Quote(first.Href)+`]`) == 0 {
		t.Errorf("%s: the factor page %s does not list the case %s that shows it", tb.mode(), factorPath, first.Href)
	}
	if !tb.js {
		tb.expectJSOff()
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// TestMainContentWithoutJavaScript opens every main page with JavaScript
// off and checks that its <main> has a heading and text.
func TestMainContentWithoutJavaScript(t *testing.T) {
	s := needSite(t)
	tb := s.newTab(t, desktopWidth, false)
	for _, p := range mainPages(t, s) {
		tb.openPage(p)
		main := tb.text("main")
		if len(main) < 40 {
			t.Errorf("%s with JavaScript off: <main> shows %q", p.path, main)
		}
		if tb.text("main h1") == "" {
			t.Errorf("%s with JavaScript off: <main> has no h1", p.path)
		}
		if strings.Contains(main, "{{") {
			t.Errorf("%s with JavaScript off: <main> shows template syntax: %.200q", p.path, main)
		}
	}
	tb.expectJSOff()
}
