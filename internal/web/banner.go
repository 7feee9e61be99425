package web

import (
	"fmt"
	"strings"
)

// maxBannerProblems is how many problems the banner lists.
const maxBannerProblems = 20

// problemBanner is the notice of content problems shown on every page in
// watch mode, so an editor sees at once what is wrong.
type problemBanner struct {
	Count int
	Items []bannerItem
	More  int // problems not listed
}

type bannerItem struct {
	Where    string // FILE or FILE:LINE
	Message  string // with "warning: " before a warning
	Severity string // error or warning
}

// banner returns the banner for the problems of st, or nil when there are
// none, st is nil or the server does not watch its content.
func (s *Server) banner(st *state) *problemBanner {
	if !s.watch || st == nil || len(st.problems) == 0 {
		return nil
	}
	b := &problemBanner{Count: len(st.problems)}
	for _, p := range st.problems {
		if len(b.Items) == maxBannerProblems {
			b.More++
			continue
		}
		where := p.File
		if p.Line > 0 {
			where += fmt.Sprintf(":%d", p.Line)
		}
		b.Items = append(b.Items, bannerItem{Where: where, Message: strings.TrimPrefix(p.String(), where+": "), Severity: p.Severity.String()})
	}
	return b
}
