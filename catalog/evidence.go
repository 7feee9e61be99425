package catalog

import (
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Outcome is one result a case claims, backed by one of its sources.
type Outcome struct {
	Text        string // at most MaxOutcomeLen characters
	Source      Source // the listed source the outcome names
	Year        int    // the year the result refers to; 0 when not given
	Independent bool   // the source is not the implementer
}

// MaxOutcomeLen is the longest outcome text allowed, in characters.
const MaxOutcomeLen = 300

// Completeness values: how fully a case is written up (see Case.Completeness).
const (
	CompletenessComplete = "complete"
	CompletenessPartial  = "partial"
	CompletenessStub     = "stub"
)

// Completenesses are the completeness values, from the most complete.
var Completenesses = []string{CompletenessComplete, CompletenessPartial, CompletenessStub}

// RecommendedSections are the level-2 headings every case body should have.
var RecommendedSections = []string{"Challenge", "What they did", "Results", "Lessons"}

// StubWords is the number of body words below which a case is a stub.
const StubWords = 150

// DateLayout is the form of the reviewed and added dates: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// completeness derives a case's completeness from its body, outcomes,
// sources and review date.
func completeness(c *Case) string {
	if len(strings.Fields(c.Text)) < StubWords {
		return CompletenessStub
	}
	if len(missingSections(c.Headings)) == 0 && len(c.Outcomes) >= 1 && len(c.Sources) >= 2 && c.Reviewed != "" {
		return CompletenessComplete
	}
	return CompletenessPartial
}

// missingSections lists the recommended sections that have no level-2 heading
// (compared case-insensitively).
func missingSections(hs []Heading) []string {
	var out []string
	for _, want := range RecommendedSections {
		found := false
		for _, h := range hs {
			if h.Level == 2 && strings.EqualFold(strings.TrimSpace(h.Text), want) {
				found = true
				break
			}
		}
		if !found {
			out = append(out, want)
		}
	}
	return out
}

// evidence reads the evidence level: a whole number 1..5.
func (f *fields) evidence(key string) int {
	if n, ok := f.keys[key]; ok && n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return 0 // "evidence:" with no value is unset
	}
	v, ok := f.integer(key, false)
	if !ok {
		return 0
	}
	if v < 1 || v > 5 {
		f.pl.errorf(f.nodeLine(key, f.keys[key]), "%s must be a Nesta evidence level from 1 to 5 (got %d); when unsure, choose the lower level", key, v)
		return 0
	}
	return v
}

// date reads a YYYY-MM-DD date that must be real and not in the future.
func (f *fields) date(key string, today time.Time) string {
	n, ok := f.keys[key]
	if !ok || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return ""
	}
	line := f.nodeLine(key, n)
	if n.Kind != yaml.ScalarNode {
		f.pl.errorf(line, "%s must be a date like 2026-11-29, not a %s", key, kindName(n))
		return ""
	}
	s := strings.TrimSpace(n.Value)
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		f.pl.errorf(line, "%s must be a real date written YYYY-MM-DD, like 2026-11-29 (got %q)", key, s)
		return ""
	}
	if d.After(today) {
		f.pl.errorf(line, "%s date %s lies in the future; use the date it happened (today is %s)", key, s, today.Format(DateLayout))
		return ""
	}
	return s
}

// outcomes reads the outcomes list; each outcome's source must name one of
// sources, by url, or by title for a source without a url.
func (f *fields) outcomes(key string, sources []Source) []Outcome {
	var out []Outcome
	for _, item := range f.entries(key, "text and source") {
		line := f.nodeLine(key, item)
		if item.Kind != yaml.MappingNode {
			f.pl.errorf(line, "each outcome needs a text and a source, like: - text: Waiting times halved")
			continue
		}
		var o Outcome
		var srcName string
		srcLine, bad := 0, false
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			kline := f.fileLine(k.Line)
			if v.Kind != yaml.ScalarNode {
				f.pl.errorf(kline, "outcome %s must be a single value, not a %s", k.Value, kindName(v))
				bad = true
				continue
			}
			switch k.Value {
			case "text":
				o.Text = strings.TrimSpace(v.Value)
				if n := utf8.RuneCountInString(o.Text); n > MaxOutcomeLen {
					f.pl.errorf(kline, "outcome text is %d characters; the limit is %d", n, MaxOutcomeLen)
					bad = true
				}
			case "source":
				srcName, srcLine = strings.TrimSpace(v.Value), kline
			case "year":
				year, ok := f.intValue("outcome year", v, kline)
				if !ok {
					bad = true
					continue
				}
				o.Year = year
			case "independent":
				if v.Tag != "!!bool" {
					f.pl.errorf(kline, "outcome independent must be true or false (got %s)", describe(v))
					bad = true
					continue
				}
				o.Independent = strings.EqualFold(v.Value, "true")
			default:
				f.pl.errorf(kline, "unknown outcome key %q; an outcome has text, source, year and independent", k.Value)
				bad = true
			}
		}
		if o.Text == "" {
			f.pl.errorf(line, "outcome has no text; it is required")
			bad = true
		}
		if srcName == "" {
			f.pl.errorf(line, "outcome has no source; name one of the case's sources by its url (or its title if it has no url)")
			bad = true
		} else if s, ok := findSource(sources, srcName); ok {
			o.Source = s
		} else {
			f.pl.errorf(srcLine, "outcome source %q is not one of the case's sources; name a listed source by its url (or its title if it has no url)", srcName)
			bad = true
		}
		if !bad {
			out = append(out, o)
		}
	}
	return out
}

// findSource finds the source named by its url, or by its title when it has no url.
func findSource(sources []Source, name string) (Source, bool) {
	for _, s := range sources {
		if s.URL != "" && s.URL == name || s.URL == "" && s.Title == name {
			return s, true
		}
	}
	return Source{}, false
}

// now is the clock used for date checks; tests replace it.
var now = time.Now

// today is the current local date at midnight UTC, comparable with parsed dates.
func today() time.Time {
	d, _ := time.Parse(DateLayout, now().Format(DateLayout))
	return d
}

// ReviewAge is how long a review stays current: after it, a case is due
// for review again.
const ReviewAge = 2 // years

// NeedsReview reports whether the case was never reviewed or was last
// reviewed more than ReviewAge years before today.
func (c *Case) NeedsReview(today time.Time) bool {
	d, err := time.Parse(DateLayout, c.Reviewed)
	return err != nil || d.AddDate(ReviewAge, 0, 0).Format(DateLayout) < today.Format(DateLayout)
}

// ReviewList is the editors' review list, as warnings: the cases never
// reviewed or due for review on the given day, and the cases whose body
// lacks recommended sections. It is not part of a catalogue's problems, so
// the server's banner stays about broken edits; casebook validate prints it.
func ReviewList(cases []*Case, today time.Time) Problems {
	var out Problems
	for _, c := range cases {
		switch {
		case c.Reviewed == "":
			out = append(out, Problem{File: c.Path, Severity: Warning,
				Message: "never reviewed: check the case against its sources and add reviewed: " + today.Format(DateLayout)})
		case c.NeedsReview(today):
			out = append(out, Problem{File: c.Path, Line: c.reviewedLine, Severity: Warning,
				Message: "last reviewed " + c.Reviewed + ", more than two years ago: check the case against its sources and update reviewed"})
		}
		if n := len(c.missing); n > 0 {
			names := make([]string, n)
			for i, m := range c.missing {
				names[i] = `"## ` + m + `"`
			}
			msg := "the recommended section " + names[0] + " is missing"
			if n > 1 {
				msg = "the recommended sections " + strings.Join(names[:n-1], ", ") + " and " + names[n-1] + " are missing"
			}
			out = append(out, Problem{File: c.Path, Line: c.bodyLine, Severity: Warning, Message: msg})
		}
	}
	return out
}
