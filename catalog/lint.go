package catalog

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// siteLink is a body link to a case or factor page, checked once the whole
// catalogue is known.
type siteLink struct {
	kind string // "cases" or "factors"
	slug string
	line int // file line
}

var (
	linkTargetRE = regexp.MustCompile(`\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	unclosedRE   = regexp.MustCompile(`\]\([^)]*$`)
	codeSpanRE   = regexp.MustCompile("`[^`]*`")
	headingRE    = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`)
)

// lintBody warns about what in a Markdown body will not work on the site:
// links without their closing parenthesis, links to .md files, raw HTML,
// and (for cases, when sections is set) recommended sections misnamed. It
// returns the links to case and factor pages, for the checks against the
// catalogue, and the recommended sections missing without a near name.
func lintBody(body []byte, bodyLine int, sections bool, pl *problemList) (links []siteLink, missing []string) {
	type heading struct {
		level int
		text  string
		line  int
	}
	var heads []heading
	inFence := ""
	for i, l := range strings.Split(string(body), "\n") {
		line := bodyLine + i
		t := strings.TrimSpace(l)
		if inFence != "" {
			if strings.HasPrefix(t, inFence) {
				inFence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = t[:3]
			continue
		}
		if m := headingRE.FindStringSubmatch(t); m != nil {
			heads = append(heads, heading{level: len(m[1]), text: m[2], line: line})
		}
		l = codeSpanRE.ReplaceAllString(l, "")
		if unclosedRE.MatchString(l) {
			pl.warnf(line, "a link here is missing its closing parenthesis; write it as [text](https://...)")
		}
		for _, m := range linkTargetRE.FindAllStringSubmatch(l, -1) {
			if link, ok := checkTarget(m[1], line, pl); ok {
				links = append(links, link)
			}
		}
	}
	warnRawHTML(body, bodyLine, pl)
	if !sections {
		return links, nil
	}
	for _, want := range RecommendedSections {
		found := false
		for _, h := range heads {
			if h.level == 2 && strings.EqualFold(h.text, want) {
				found = true
			}
		}
		if found {
			continue
		}
		renamed := false
		for _, h := range heads {
			if strings.EqualFold(h.text, want) || nearest(strings.ToLower(h.text), []string{strings.ToLower(want)}, 3) != "" {
				pl.warnf(h.line, "the section %q looks like the recommended %q; write it exactly so, so that the case counts as complete", strings.Repeat("#", h.level)+" "+h.text, "## "+want)
				renamed = true
				break
			}
		}
		if !renamed {
			missing = append(missing, want)
		}
	}
	return links, missing
}

// checkTarget warns about a link target that cannot work on the site and
// returns a link to a case or factor page, when it is one.
func checkTarget(target string, line int, pl *problemList) (siteLink, bool) {
	target, _, _ = strings.Cut(target, "#")
	if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") || target == "" {
		return siteLink{}, false
	}
	if strings.HasSuffix(target, ".md") {
		kind := "cases"
		if strings.Contains(target, "factors/") {
			kind = "factors"
		}
		slug := strings.TrimSuffix(path.Base(target), ".md")
		pl.warnf(line, "the link to %s works on GitHub but not on the site; write /%s/%s instead", target, kind, slug)
		return siteLink{}, false
	}
	for _, kind := range []string{"cases", "factors"} {
		if slug, ok := strings.CutPrefix(target, "/"+kind+"/"); ok && !strings.Contains(slug, "/") {
			return siteLink{kind: kind, slug: strings.TrimSuffix(slug, "/"), line: line}, true
		}
	}
	return siteLink{}, false
}

// warnRawHTML warns about each piece of raw HTML, which the site drops.
func warnRawHTML(body []byte, bodyLine int, pl *problemList) {
	doc := md.Parser().Parse(text.NewReader(body))
	last := 0        // one warning per line
	var breaks []int // offsets of the line ends, to find a line in log time
	for i, b := range body {
		if b == '\n' {
			breaks = append(breaks, i)
		}
	}
	lineOf := func(offset int) int {
		n, _ := slices.BinarySearch(breaks, offset)
		return bodyLine + n
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var seg text.Segment
		switch n := n.(type) {
		case *ast.HTMLBlock:
			if n.Lines().Len() == 0 {
				return ast.WalkSkipChildren, nil
			}
			seg = n.Lines().At(0)
		case *ast.RawHTML:
			if n.Segments.Len() == 0 {
				return ast.WalkSkipChildren, nil
			}
			seg = n.Segments.At(0)
		default:
			return ast.WalkContinue, nil
		}
		snippet := strings.TrimSpace(string(seg.Value(body)))
		if r := []rune(snippet); len(r) > 40 {
			snippet = string(r[:40]) + "…"
		}
		if line := lineOf(seg.Start); line != last {
			last = line
			pl.warnf(line, "raw HTML (%s) is dropped from the page; write it in Markdown instead", snippet)
		}
		return ast.WalkSkipChildren, nil
	})
}

// checkSiteLinks warns about body links to cases or factors the catalogue
// does not have.
func checkSiteLinks(file string, links []siteLink, hasCase, hasFactor func(string) bool) Problems {
	var out Problems
	for _, l := range links {
		ok := l.kind == "cases" && hasCase(l.slug) || l.kind == "factors" && hasFactor(l.slug)
		if !ok {
			out = append(out, Problem{File: file, Line: l.line, Severity: Warning,
				Message: fmt.Sprintf("the link to /%s/%s goes nowhere: there is no %s %q", l.kind, l.slug, strings.TrimSuffix(l.kind, "s"), l.slug)})
		}
	}
	return out
}
