package web

import (
	"fmt"
	"strings"

	"github.com/casebook/casebook/catalog"
)

// maxBannerLines is how many lines the banner shows: one per group of
// problems with the same message (catalog.Problems.Grouped), so that 21
// cases naming one deleted factor take one line, not 21.
const maxBannerLines = 5

// problemBanner is the notice of content problems shown on every page in
// watch mode, so an editor sees at once what is wrong. It stays short; the
// full list is at /api/v1/problems.
type problemBanner struct {
	Count int // problems in all
	Items []bannerItem
	More  int // problems in the groups not listed
}

type bannerItem struct {
	Where    string // FILE, FILE:LINE, or "N files" for a group
	Message  string // with "warning: " before a warning; a group names its first files
	Severity string // error or warning
}

// banner returns the banner for the problems of st, or nil when there are
// none, st is nil or the server does not watch its content.
func (s *Server) banner(st *state) *problemBanner {
	if !s.watch || st == nil || len(st.problems) == 0 {
		return nil
	}
	b := &problemBanner{Count: len(st.problems)}
	for _, g := range st.problems.Grouped() {
		if len(b.Items) == maxBannerLines {
			b.More += len(g.Problems)
			continue
		}
		b.Items = append(b.Items, groupItem(g))
	}
	return b
}

// groupItem is the banner line of one group of problems.
func groupItem(g catalog.ProblemGroup) bannerItem {
	item := bannerItem{Severity: g.Severity.String()}
	if len(g.Problems) == 1 {
		p := g.Problems[0]
		item.Where = where(p)
		item.Message = strings.TrimPrefix(p.String(), item.Where+": ")
		return item
	}
	item.Where = fmt.Sprintf("%d files", len(g.Problems))
	item.Message = strings.TrimPrefix(g.String(), item.Where+": ")
	return item
}

// where is a problem's FILE or FILE:LINE.
func where(p catalog.Problem) string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}
