package browsertest

import (
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// overviewPages are the pages of issue 16 the checks below look at: an
// overview of a search, all cases compared two by two, and an
// organisation, found through the site's own links and API.
func overviewPages(t *testing.T, s *site) []mainPage {
	t.Helper()
	var res struct {
		Results []struct {
			Slug string `json:"slug"`
		} `json:"results"`
	}
	if err := getJSON(s.base+"/api/v1/search?per_page=3&sort=title", &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Results) < 3 {
		t.Fatalf("the catalogue has %d cases; comparing needs 3", len(res.Results))
	}
	tb := s.newTab(t, desktopWidth, false)
	tb.open("/organisations")
	org := eval[string](tb, `(document.querySelector("main a[href^='/organisations/']") || {}).pathname || ""`)
	if org == "" {
		t.Fatal("/organisations links to no organisation")
	}
	compare := url.Values{"case": {res.Results[0].Slug, res.Results[1].Slug, res.Results[2].Slug}}
	return []mainPage{
		{name: "overview", path: "/overview"},
		{name: "overview-search", path: "/overview?q=" + url.QueryEscape(searchWord)},
		{name: "compare", path: "/compare?" + compare.Encode()},
		{name: "organisations", path: "/organisations"},
		{name: "organisation", path: org},
	}
}

// TestOverviewAccessibility runs axe-core on the overview, comparison and
// organisation pages at desktop and phone width: no serious or critical
// WCAG 2.1 A/AA violation.
func TestOverviewAccessibility(t *testing.T) {
	source := needAxe(t)
	s := needSite(t)
	pages := overviewPages(t, s)
	for _, width := range []int{desktopWidth, phoneWidth} {
		for _, p := range pages {
			t.Run(fmt.Sprintf("%s-%d", p.name, width), func(t *testing.T) {
				tb := s.newTab(t, width, true)
				tb.openPage(p)
				var fail strings.Builder
				for _, v := range runAxe(tb, source).Violations {
					if blocking(v.Impact) {
						writeAxeResult(&fail, v)
					}
				}
				if fail.Len() > 0 {
					t.Errorf("%s: serious or critical accessibility violations:\n%s", p.path, fail.String())
				}
			})
		}
	}
}

// chartsOf describes the charts of the page in the tab: each inline SVG
// chart's accessible name and the text of every table, so that two loads
// can be compared.
func chartsOf(tb *tab) []string {
	return eval[[]string](tb, `[...document.querySelectorAll("main svg[role=img]")].map(svg =>
	  "chart: " + (document.getElementById(svg.getAttribute("aria-labelledby")) || {}).textContent + " / " + svg.querySelectorAll("*").length + " elements")
	  .concat([...document.querySelectorAll("main table")].map(t => "table: " + t.innerText.replace(/\s+/g, " ")))`)
}

// TestOverviewWithoutJavaScript loads the overview with JavaScript on and
// off: the same charts and tables, and at least the five charts.
func TestOverviewWithoutJavaScript(t *testing.T) {
	s := needSite(t)
	path := "/overview?q=" + url.QueryEscape(searchWord)
	on := s.newTab(t, desktopWidth, true)
	on.open(path)
	off := s.newTab(t, desktopWidth, false)
	off.open(path)
	withJS, withoutJS := chartsOf(on), chartsOf(off)
	charts := 0
	for _, c := range withoutJS {
		if strings.HasPrefix(c, "chart: ") {
			charts++
		}
	}
	if charts < 5 {
		t.Errorf("without JavaScript the overview shows %d charts, want 5 (years, map, levels, factors, matrix):\n%s", charts, strings.Join(withoutJS, "\n"))
	}
	if strings.Join(withJS, "\n") != strings.Join(withoutJS, "\n") {
		t.Errorf("the overview differs with JavaScript off:\n--- on\n%s\n--- off\n%s", strings.Join(withJS, "\n"), strings.Join(withoutJS, "\n"))
	}
}

// TestOverviewStaysOnServer listens to every request the overview and
// home pages make: all go to the server itself.
func TestOverviewStaysOnServer(t *testing.T) {
	s := needSite(t)
	for _, path := range []string{"/overview", "/overview?q=" + url.QueryEscape(searchWord), "/"} {
		tb := s.newTab(t, desktopWidth, true)
		var mu sync.Mutex
		var urls []string
		if err := chromedp.Listen(tb.ctx, func(ev any) {
			if e, ok := ev.(*network.EventRequestWillBeSent); ok {
				mu.Lock()
				urls = append(urls, e.Request.URL)
				mu.Unlock()
			}
		}); err != nil {
			t.Fatal(err)
		}
		tb.open(path)
		eval[bool](tb, `new Promise(r => requestAnimationFrame(() => setTimeout(() => r(true), 200)))`, chromedp.EvalAwaitPromise)
		mu.Lock()
		seen := append([]string(nil), urls...)
		mu.Unlock()
		if len(seen) == 0 {
			t.Fatalf("%s: no request seen, so the check proves nothing", path)
		}
		for _, u := range seen {
			if !strings.HasPrefix(u, s.base+"/") && !strings.HasPrefix(u, "data:") {
				t.Errorf("%s requests %s, outside the server %s", path, u, s.base)
			}
		}
	}
}

// TestResultsFirstOnPhone checks the results page at phone width: the
// first result starts on the first screen and above the filter form, which
// waits behind the "Filter" disclosure; on a desktop the filters show.
// checkVisibility tells hidden content apart: the geometry of a closed
// disclosure's content is still computed when a script asks for it.
func TestResultsFirstOnPhone(t *testing.T) {
	s := needSite(t)
	type box struct {
		ResultTop   float64 `json:"resultTop"`
		FiltersTop  float64 `json:"filtersTop"`
		FiltersSeen bool    `json:"filtersSeen"`
		SummarySeen bool    `json:"summarySeen"`
		Screen      float64 `json:"screen"`
	}
	measure := func(tb *tab) box {
		return eval[box](tb, `(() => {
		  const r = document.querySelector(".results .result").getBoundingClientRect();
		  const fs = document.querySelector(".filters fieldset"), f = fs.getBoundingClientRect();
		  const sum = document.querySelector(".filters-summary");
		  return {resultTop: r.top + scrollY, filtersTop: f.top + scrollY, filtersSeen: fs.checkVisibility() && f.height > 0,
		    summarySeen: sum.checkVisibility() && sum.getBoundingClientRect().height > 0, screen: innerHeight};
		})()`)
	}
	for _, js := range []bool{true, false} {
		phone := s.newTab(t, phoneWidth, js)
		phone.open("/cases")
		b := measure(phone)
		if b.ResultTop >= b.Screen {
			t.Errorf("%s, %d px: the first result starts at %.0f px, below the first screen (%.0f px)", phone.mode(), phoneWidth, b.ResultTop, b.Screen)
		}
		if b.FiltersSeen && b.FiltersTop <= b.ResultTop {
			t.Errorf("%s, %d px: the filter form (top %.0f px) is above the first result (top %.0f px)", phone.mode(), phoneWidth, b.FiltersTop, b.ResultTop)
		}
		if !b.SummarySeen {
			t.Errorf("%s, %d px: no Filter disclosure to open the filters", phone.mode(), phoneWidth)
		}
		phone.do(chromedp.Click(chromedp.CSS(".filters-summary")))
		if opened := measure(phone); !opened.FiltersSeen {
			t.Errorf("%s, %d px: opening Filter does not show the filters", phone.mode(), phoneWidth)
		}

		desk := s.newTab(t, desktopWidth, js)
		desk.open("/cases")
		if d := measure(desk); !d.FiltersSeen || d.SummarySeen {
			t.Errorf("%s, desktop: filters shown %v, Filter disclosure shown %v; want the filters without the disclosure", desk.mode(), d.FiltersSeen, d.SummarySeen)
		}
	}
}

// TestOverviewScreenshots saves full-page pictures of the overview, a
// comparison and the home page at 1200 and 390 pixels wide.
func TestOverviewScreenshots(t *testing.T) {
	s := needSite(t)
	pages := overviewPages(t, s)
	shots := []mainPage{{name: "home", path: "/"}, pages[0], pages[2]}
	for _, width := range []int{1200, phoneWidth} {
		tb := s.newTab(t, width, true)
		for _, p := range shots {
			tb.openPage(p)
			t.Logf("%s", tb.screenshot(fmt.Sprintf("%s-%d", p.name, width), true))
		}
	}
}
