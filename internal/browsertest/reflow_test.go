package browsertest

import (
	"testing"
)

// reflowWidth is the width WCAG 2.1 success criterion 1.4.10 (Reflow)
// names: content must fit 320 CSS pixels without scrolling sideways.
const reflowWidth = 320

// TestReflow opens every main page and every case at 320 pixels wide and
// fails if the page scrolls sideways, naming the elements that stick out.
// Cases are included because editors write their text: a long word, a URL
// or a table must not break the layout.
func TestReflow(t *testing.T) {
	s := needSite(t)
	pages := mainPages(t, s)
	var all struct {
		Results []struct {
			URL string `json:"url"`
		} `json:"results"`
	}
	if err := getJSON(s.base+"/api/v1/search?sort=title&per_page=100", &all); err != nil {
		t.Fatal(err)
	}
	for _, r := range all.Results {
		pages = append(pages, mainPage{name: r.URL, path: r.URL})
	}
	tb := s.newTab(t, reflowWidth, true)
	for _, p := range pages {
		tb.openPage(p)
		r := eval[struct {
			ScrollWidth int      `json:"scrollWidth"`
			ClientWidth int      `json:"clientWidth"`
			Wide        []string `json:"wide"`
		}](tb, `(() => {
  const root = document.documentElement, w = root.clientWidth;
  const wide = [...document.body.querySelectorAll("*")]
    .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest(".visually-hidden"))
    .slice(0, 6)
    .map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).trim().replace(/\s+/g, ".") : "") + " (right edge " + Math.round(e.getBoundingClientRect().right) + "px)");
  return {scrollWidth: root.scrollWidth, clientWidth: w, wide};
})()`)
		if r.ScrollWidth > r.ClientWidth {
			t.Errorf("%s at %dpx: the page is %dpx wide and scrolls sideways; sticking out: %v", p.path, reflowWidth, r.ScrollWidth, r.Wide)
		}
	}
	t.Logf("%d pages fit %d pixels", len(pages), reflowWidth)
}
