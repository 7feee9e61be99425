package web

import (
	"strconv"
	"time"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/search"
)

// evidenceLevel is one level of the Nesta Standards of Evidence as pages
// name it: "Level 2 of 5: data show a change".
type evidenceLevel struct {
	Level   int
	Words   string // what the level means, a phrase that follows "Level N of 5:"
	Explain string // a sentence more, for the about page
}

// maxEvidence is the highest evidence level.
const maxEvidence = 5

// evidenceLevels are the levels in words: the one list the case page, the
// search filters and the about page use.
var evidenceLevels = []evidenceLevel{
	{1, "describes what was done and why", "The case explains what was done and why it should help, clearly and logically."},
	{2, "data show a change", "Data show a change after the innovation, without showing that the innovation caused it."},
	{3, "a comparison shows it caused the change", "A comparison or control group shows that the innovation caused the change."},
	{4, "independent evaluation or replication confirms it", "An independent evaluation, or doing it again elsewhere, confirms the result."},
	{5, "manuals and systems let others replicate it", "Manuals, systems and procedures exist that let others do it again with consistent results."},
}

// evidenceWords returns what level n means, or "" for an unset or unknown level.
func evidenceWords(n int) string {
	if n < 1 || n > len(evidenceLevels) {
		return ""
	}
	return evidenceLevels[n-1].Words
}

// evidenceMinLabel names an evidence_min filter value: "2 or more", or
// "5" for the top level, which nothing exceeds.
func evidenceMinLabel(n int) string {
	if n >= maxEvidence {
		return strconv.Itoa(n)
	}
	return strconv.Itoa(n) + " or more"
}

// evidenceView is what the case page shows about how far a case's results
// are known: the glance line at the top and the Evidence panel.
type evidenceView struct {
	Level        int    // 0 when unset
	Max          int    // the highest level, maxEvidence
	Words        string // the level in words, "" when unset
	Completeness string // complete, partial or stub
	Stub         bool
	Headline     *catalog.Outcome // the first outcome, nil when there is none
	Outcomes     []catalog.Outcome
	Reviewed     string // the review date in words, "" when never reviewed
	ReviewedISO  string // the review date as YYYY-MM-DD
	ReviewDue    bool   // never reviewed, or last reviewed too long ago
}

// newEvidenceView describes the evidence of cs as of today.
func newEvidenceView(cs *catalog.Case, today time.Time) evidenceView {
	v := evidenceView{
		Level:        cs.Evidence,
		Max:          maxEvidence,
		Words:        evidenceWords(cs.Evidence),
		Completeness: cs.Completeness,
		Stub:         cs.Completeness == catalog.CompletenessStub,
		Outcomes:     cs.Outcomes,
		ReviewedISO:  cs.Reviewed,
		ReviewDue:    cs.NeedsReview(today),
	}
	if len(cs.Outcomes) > 0 {
		v.Headline = &cs.Outcomes[0]
	}
	if d, err := time.Parse(catalog.DateLayout, cs.Reviewed); err == nil {
		v.Reviewed = longDate(d)
	}
	return v
}

// longDate writes a date as Canadian English prose does: November 29, 2026.
func longDate(d time.Time) string { return d.Format("January 2, 2006") }

// evidenceGrade is a search result's evidence level and completeness in a
// few words: "Evidence 2 of 5 · Complete".
func (st *state) evidenceGrade(level int, completeness string) string {
	s := "Evidence not assessed"
	if level > 0 {
		s = "Evidence " + strconv.Itoa(level) + " of " + strconv.Itoa(maxEvidence)
	}
	if completeness != "" {
		s += " · " + st.labels.Label("completeness", completeness)
	}
	return s
}

// evidenceGroup builds the radio buttons of the evidence_min filter, f:
// "Any", then "1 or more" up to the top level, each counting the matching
// cases at that level or above (the facet ignores its own selection, so
// the counts hold whichever button is chosen). It lists a chosen level as
// an applied filter of the given kind.
func evidenceGroup(f search.Filter, q search.Query, facets *search.Facets, kind string) (facetGroup, []appliedFilter) {
	atLevel := map[int]int{}
	for _, fv := range f.FacetValues(facets) {
		if n, err := strconv.Atoi(fv.Value); err == nil {
			atLevel[n] += fv.Count
		}
	}
	chosen := f.Number(&q)
	g := facetGroup{Legend: f.Label, HelpURL: "/about#evidence", HelpLabel: "What the evidence levels mean",
		Options: []facetOption{{Value: "", Label: "Any", Count: -1, Checked: chosen == 0}}}
	for n := f.Min; n <= f.Max; n++ {
		count := 0
		for level, c := range atLevel {
			if level >= n {
				count += c
			}
		}
		g.Options = append(g.Options, facetOption{Value: strconv.Itoa(n), Label: evidenceMinLabel(n), Count: count, Checked: n == chosen})
	}
	for i := range g.Options {
		g.Options[i].Name, g.Options[i].Radio = f.Param, true
		g.Options[i].ID = "f-" + f.Param + "-" + strconv.Itoa(i)
	}
	var applied []appliedFilter
	if chosen != 0 {
		applied = append(applied, appliedFilter{Kind: kind, Label: evidenceMinLabel(chosen),
			RemoveURL: withQuery("/cases", encodeQuery(f.Without(q, ""), ""))})
	}
	return g, applied
}
