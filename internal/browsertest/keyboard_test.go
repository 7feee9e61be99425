package browsertest

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusStyle is the computed style that makes focus visible.
type focusStyle struct {
	OutlineStyle string  `json:"outlineStyle"`
	OutlineWidth float64 `json:"outlineWidth"`
	OutlineColor string  `json:"outlineColor"`
	BoxShadow    string  `json:"boxShadow"`
	Background   string  `json:"background"`
	FocusVisible bool    `json:"focusVisible"`
}

func (f focusStyle) String() string {
	return fmt.Sprintf("outline %s %gpx %s, box-shadow %s, background %s", f.OutlineStyle, f.OutlineWidth, f.OutlineColor, f.BoxShadow, f.Background)
}

// ring reports whether the style draws a focus indicator: an outline that
// is not none, has a width and is not transparent, or a box shadow.
func (f focusStyle) ring() bool {
	outline := f.OutlineStyle != "none" && f.OutlineWidth > 0 && !transparent(f.OutlineColor)
	return outline || f.BoxShadow != "none"
}

func transparent(color string) bool {
	return color == "transparent" || strings.HasPrefix(color, "rgba(") && strings.HasSuffix(strings.ReplaceAll(color, " ", ""), ",0)")
}

// styleScript reads the focus style of element e.
const styleScript = `(e => {
  if (!e) return null;
  const s = getComputedStyle(e);
  return {outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, outlineColor: s.outlineColor,
          boxShadow: s.boxShadow, background: s.backgroundColor, focusVisible: e.matches(":focus-visible")};
})`

// styleOf is the focus style of the first element that matches selector.
func (tb *tab) styleOf(selector string) focusStyle {
	tb.t.Helper()
	st := eval[*focusStyle](tb, styleScript+`(document.querySelector(`+strconv.Quote(selector)+`))`)
	if st == nil {
		tb.t.Fatalf("%s: no element %s on %s", tb.mode(), selector, tb.location().RequestURI())
	}
	return *st
}

// active describes the focused element, for messages.
func (tb *tab) active() string {
	tb.t.Helper()
	return eval[string](tb, `(e => e ? e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + String(e.className).trim().replace(/\s+/g, ".") : "") + " " + JSON.stringify((e.innerText || e.value || "").trim().slice(0, 40)) : "nothing")(document.activeElement)`)
}

func (tb *tab) isActive(selector string) bool {
	tb.t.Helper()
	return eval[bool](tb, `document.activeElement !== null && document.activeElement === document.querySelector(`+strconv.Quote(selector)+`)`)
}

// tabTo presses Tab until the first element that matches selector has the
// focus, at most limit times, and returns how many presses it took.
func (tb *tab) tabTo(selector string, limit int) int {
	tb.t.Helper()
	var path []string
	for n := 1; n <= limit; n++ {
		tb.do(chromedp.KeyEvent(kb.Tab))
		if tb.isActive(selector) {
			return n
		}
		if len(path) < 12 {
			path = append(path, tb.active())
		}
	}
	tb.t.Fatalf("%s: %d presses of Tab on %s never reached %s; the first stops were:\n  %s",
		tb.mode(), limit, tb.location().RequestURI(), selector, strings.Join(path, "\n  "))
	return 0
}

// expectFocusRing checks that the focused element, which matches selector,
// shows a focus indicator that it does not have without the focus.
func (tb *tab) expectFocusRing(what, selector string, unfocused focusStyle) {
	tb.t.Helper()
	focused := eval[focusStyle](tb, styleScript+`(document.activeElement)`)
	switch {
	case !focused.FocusVisible:
		tb.t.Errorf("%s: %s has the keyboard focus but does not match :focus-visible", tb.mode(), what)
	case !focused.ring():
		tb.t.Errorf("%s: %s shows no focus ring: %s", tb.mode(), what, focused)
	case focused.OutlineStyle == unfocused.OutlineStyle && focused.OutlineColor == unfocused.OutlineColor &&
		focused.BoxShadow == unfocused.BoxShadow && focused.Background == unfocused.Background:
		tb.t.Errorf("%s: %s looks the same with and without the focus: %s", tb.mode(), what, focused)
	}
}

// TestKeyboard uses the keyboard only, with JavaScript on and off: Tab to
// the skip link and the home page's search box, type a word and press
// Enter, Tab to the first result and press Enter to open it. Each stop must
// show a visible focus ring. At phone width it takes the "Skip to the
// results" link over the filters.
func TestKeyboard(t *testing.T) {
	s := needSite(t)
	for _, js := range []bool{true, false} {
		name := "javascript-off"
		if js {
			name = "javascript-on"
		}
		t.Run(name+"/desktop", func(t *testing.T) {
			tb := s.newTab(t, desktopWidth, js)
			keyboardSearch(tb)
			first := tb.firstLink(".results .result-title a")
			unfocused := tb.styleOf(".results .result-title a")
			n := tb.tabTo(".results .result-title a", 300)
			t.Logf("%s: the first result is %d presses of Tab from the search box", tb.mode(), n)
			tb.expectFocusRing("the first result's link", ".results .result-title a", unfocused)
			if js {
				tb.screenshot("keyboard-focus-result-desktop", false)
			}
			tb.follow("pressing Enter on the first result", chromedp.KeyEvent(kb.Enter))
			tb.expectPath("pressing Enter on the first result", first.Href)
		})
		t.Run(name+"/phone", func(t *testing.T) {
			tb := s.newTab(t, phoneWidth, js)
			keyboardSearch(tb)
			unfocused := tb.styleOf(".skip-results a")
			tb.tabTo(".skip-results a", 20)
			tb.expectFocusRing("the “Skip to the results” link", ".skip-results a", unfocused)
			tb.do(chromedp.KeyEvent(kb.Enter))
			if !tb.isActive("#results-count") {
				t.Errorf("%s: Enter on “Skip to the results” focuses %s, want the results heading", tb.mode(), tb.active())
			}
			tb.do(chromedp.KeyEvent(kb.Tab))
			if !tb.isActive(".results .result-title a") {
				t.Errorf("%s: Tab after following “Skip to the results” focuses %s, want the first result", tb.mode(), tb.active())
			}
		})
	}
}

// keyboardSearch opens the home page, follows the "Skip to main content"
// link, Tabs to the search box, types searchWord and presses Enter.
func keyboardSearch(tb *tab) {
	t := tb.t
	t.Helper()
	tb.open("/")
	skip := tb.styleOf(".skip-link")
	tb.do(chromedp.KeyEvent(kb.Tab))
	if !tb.isActive(".skip-link") {
		t.Errorf("%s: the first Tab focuses %s, want the skip link", tb.mode(), tb.active())
	} else {
		tb.expectFocusRing("the skip link", ".skip-link", skip)
		inView := eval[bool](tb, `(r => r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth)(document.activeElement.getBoundingClientRect())`)
		if !inView {
			t.Errorf("%s: the focused skip link is not on screen", tb.mode())
		}
		tb.do(chromedp.KeyEvent(kb.Enter))
		if !tb.isActive("main") {
			t.Errorf("%s: Enter on the skip link focuses %s, want <main>", tb.mode(), tb.active())
		}
	}

	input := tb.styleOf("#home-q")
	n := tb.tabTo("#home-q", 30)
	t.Logf("%s: the search box is %d presses of Tab after the skip link", tb.mode(), n)
	tb.expectFocusRing("the home page's search box", "#home-q", input)
	if tb.js {
		w := "desktop"
		if eval[int](tb, `innerWidth`) <= phoneWidth {
			w = "phone"
		}
		tb.screenshot("keyboard-focus-search-"+w, false)
	}
	tb.do(chromedp.KeyEvent(searchWord))
	tb.follow("pressing Enter in the search box", chromedp.KeyEvent(kb.Enter))
	loc := tb.expectPath("pressing Enter in the search box", "/cases")
	if loc.Query().Get("q") != searchWord {
		t.Fatalf("%s: typing %q and Enter went to %s", tb.mode(), searchWord, loc.RequestURI())
	}
}

// focusStop is what the sweep records of one element the Tab key reached.
type focusStop struct {
	Index int        `json:"index"` // in the list of focusable elements taken at load; -1 if not in it
	Desc  string     `json:"desc"`
	Style focusStyle `json:"style"`
	Box   struct {
		Width  float64 `json:"width"`
		Height float64 `json:"height"`
		Left   float64 `json:"left"`
		Right  float64 `json:"right"`
	} `json:"box"`
}

// focusables lists the elements that can take the focus, and records the
// style each has without it, for the sweep to compare with.
const focusables = `(() => {
  const els = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')];
  window.__casebookUnfocused = els.map(e => (` + styleScript + `)(e));
  window.__casebookFocusables = els;
  return els.length;
})()`

const focusStopScript = `(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  return {
    index: window.__casebookFocusables.indexOf(e),
    desc: e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + String(e.className).trim().replace(/\s+/g, ".") : "") + " " + JSON.stringify((e.innerText || e.value || "").trim().slice(0, 40)),
    style: (` + styleScript + `)(e),
    box: {width: r.width, height: r.height, left: r.left + scrollX, right: r.right + scrollX}
  };
})()`

// TestFocusVisibleEverywhere Tabs through every focusable element of every
// main page and checks that each shows a focus ring it does not have
// without the focus, and is on screen when focused.
func TestFocusVisibleEverywhere(t *testing.T) {
	s := needSite(t)
	for _, p := range mainPages(t, s) {
		t.Run(p.name, func(t *testing.T) {
			tb := s.newTab(t, desktopWidth, true)
			tb.openPage(p)
			total := eval[int](tb, focusables)
			unfocused := eval[[]focusStyle](tb, `window.__casebookUnfocused`)
			seen := map[int]bool{}
			stops := 0
			for range total + 5 {
				tb.do(chromedp.KeyEvent(kb.Tab))
				stop := eval[*focusStop](tb, focusStopScript)
				if stop == nil || stop.Index >= 0 && seen[stop.Index] {
					break // back at the start of the page
				}
				stops++
				seen[stop.Index] = true
				what := stop.Desc
				st := stop.Style
				switch {
				case !st.FocusVisible:
					t.Errorf("%s: %s has the keyboard focus but does not match :focus-visible", p.path, what)
				case !st.ring():
					t.Errorf("%s: %s shows no focus ring: %s", p.path, what, st)
				case stop.Index >= 0 && sameLook(st, unfocused[stop.Index]):
					t.Errorf("%s: %s looks the same with and without the focus: %s", p.path, what, st)
				}
				if stop.Box.Width < 1 || stop.Box.Height < 1 || stop.Box.Right <= 0 || stop.Box.Left < 0 {
					t.Errorf("%s: %s takes the focus but is not on screen (box %+v)", p.path, what, stop.Box)
				}
			}
			if stops == 0 {
				t.Fatalf("%s: Tab reaches nothing", p.path)
			}
			t.Logf("%s: %d focus stops, %d focusable elements in the page", p.path, stops, total)
		})
	}
}

func sameLook(a, b focusStyle) bool {
	return a.OutlineStyle == b.OutlineStyle && a.OutlineWidth == b.OutlineWidth && a.OutlineColor == b.OutlineColor &&
		a.BoxShadow == b.BoxShadow && a.Background == b.Background
}
