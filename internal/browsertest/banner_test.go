package browsertest

import (
	"strings"
	"testing"
)

// bannerCatalog is a small catalogue with one broken case, so that
// `casebook serve --watch` shows its content problems banner on every page.
var bannerCatalog = map[string]string{
	"factors/collaboration.md": "---\ntitle: A culture of collaboration\nsummary: People work across ministries and sectors.\n---\nWorking across boundaries.\n",
	"cases/community-hubs.md": `---
title: Community Hubs
summary: Schools and other public buildings become hubs that bring local services together.
country: Canada
jurisdiction: Ontario
level: provincial
year: 2015
factors: [collaboration]
---
## Challenge

Services were scattered.
`,
	"cases/broken-case.md": "---\ntitle: Broken\nsummary: A case with a level that does not exist.\ncountry: Canada\nlevel: nowhere\nyear: 2020\nfactors: [collaboration]\n---\nBody.\n",
}

// TestAccessibilityWithProblemsBanner runs axe-core on pages that show the
// banner of content problems that editors see with --watch (issue 6), at
// desktop and phone width.
func TestAccessibilityWithProblemsBanner(t *testing.T) {
	source := needAxe(t)
	s := needSite(t)
	watched, _ := startWatched(t, s, bannerCatalog)

	for _, size := range []struct {
		name  string
		width int
	}{{"desktop", desktopWidth}, {"phone", phoneWidth}} {
		for _, path := range []string{"/", "/cases/community-hubs"} {
			t.Run(size.name+path, func(t *testing.T) {
				tb := watched.newTab(t, size.width, true)
				tb.open(path)
				if body := tb.text("body"); !strings.Contains(body, "broken-case.md") {
					t.Fatalf("%s with --watch shows no problems banner naming cases/broken-case.md", path)
				}
				if fail := blockingViolations(runAxe(tb, source)); fail != "" {
					t.Errorf("%s with the problems banner: serious or critical accessibility violations:\n%s", path, fail)
				}
				if size.name == "phone" && path == "/" {
					tb.screenshot("problems-banner-phone", false)
				}
			})
		}
	}
}
