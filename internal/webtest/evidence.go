package webtest

import (
	"fmt"
	"strings"
	"time"
)

// evidenceBody is a case body of over 150 words, the most a stub has, with
// all four recommended sections unless partial is set.
func evidenceBody(partial bool) string {
	words := strings.Repeat("The team measured the service and wrote down what changed. ", 5)
	var b strings.Builder
	for i, h := range []string{"Challenge", "What they did", "Results", "Lessons"} {
		if partial && i > 1 {
			h = "Notes " + fmt.Sprint(i)
		}
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", h, words)
	}
	return b.String()
}

// EvidenceCatalog is a catalogue, file path to text, whose cases cover
// what pages show about evidence: a recent review with an independent
// outcome (audited, complete), a review over two years old with outcomes
// from a linked and an unlinked source (old-review, complete), a stub never
// reviewed (stub-case) and a partial case (partial-case). The recent review
// date is a month before today, so it stays recent.
func EvidenceCatalog(today time.Time) map[string]string {
	recent := today.AddDate(0, -1, 0).Format("2006-01-02")
	return map[string]string{
		"factors/collaboration.md": "---\ntitle: A culture of collaboration\nsummary: People work across ministries.\n---\nWorking across boundaries.\n",
		"cases/audited.md": `---
title: Audited Service
summary: A service whose results an auditor confirmed.
country: Canada
level: national
year: 2016
status: ongoing
factors: [collaboration]
sources:
  - title: Auditor General report
    url: https://audit.example.org/report
  - title: Annual report
    url: https://gov.example.org/annual
evidence: 4
reviewed: ` + recent + `
outcomes:
  - text: Waiting times fell from 40 days to 12 & complaints halved.
    source: https://audit.example.org/report
    year: 2019
    independent: true
---
` + evidenceBody(false),
		"cases/old-review.md": `---
title: Old Review
summary: A case last checked long ago.
country: Canada
level: local
year: 2010
status: completed
factors: [collaboration]
sources:
  - title: City press release
    url: https://city.example.org/news
  - title: A printed evaluation (University Press, 2014)
evidence: 2
reviewed: 2015-03-01
added: 2015-02-01
outcomes:
  - text: The city reported 3,000 users in the first year.
    source: https://city.example.org/news
    year: 2014
  - text: An evaluation found users saved an hour a visit.
    source: A printed evaluation (University Press, 2014)
    independent: true
---
` + evidenceBody(false),
		"cases/stub-case.md": `---
title: Stub Case
summary: Only an outline so far.
country: Brazil
level: regional
year: 2020
factors: [collaboration]
---
## Challenge

A short outline.
`,
		"cases/partial-case.md": `---
title: Partial Case
summary: Written up in part.
country: Brazil
level: provincial
year: 2018
status: pilot
factors: [collaboration]
sources:
  - title: Pilot report
    url: https://pilot.example.org/report
evidence: 2
reviewed: ` + recent + `
outcomes:
  - text: The pilot reached 200 families.
    source: https://pilot.example.org/report
---
` + evidenceBody(true),
	}
}
