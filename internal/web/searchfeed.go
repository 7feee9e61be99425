package web

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/search"
)

// feedLink is a feed a page offers: its title and address.
type feedLink struct{ Title, URL string }

// casesFeed is an Atom feed of the cases matching a search
// (/cases/feed.xml?<search params>), the most recently added first, so a
// follower learns of each new match.
func (s *Server) casesFeed(c *gin.Context, st *state) error {
	params, err := parseSearchParams(c.Request.URL.RawQuery)
	if err != nil {
		return withRetry(err, c.Request.URL.RawQuery)
	}
	q := params.Query
	q.Page, q.PerPage, q.Sort = 0, 0, ""
	ctx, cancel := context.WithTimeout(c.Request.Context(), searchTimeout)
	defer cancel()
	cases, err := st.ix.Matches(ctx, q)
	if err != nil {
		return err
	}
	cases = slices.Clone(cases)
	slices.SortFunc(cases, catalog.CompareRecentlyAdded)
	link := searchFeed(st, q)
	return s.writeFeed(c, st, feedInfo{
		title:    link.Title,
		subtitle: "Case studies added to Casebook that match this search, the most recent first.",
		self:     link.URL,
		page:     withQuery("/cases", encodeQuery(q, "")),
	}, cases)
}

// searchFeed is the feed that follows the search q.
func searchFeed(st *state, q search.Query) *feedLink {
	q.Page, q.PerPage, q.Sort = 0, 0, ""
	title := "Casebook: new case studies"
	if d := st.describeSearch(q); d != "" {
		title += ": " + d
	}
	return &feedLink{Title: title, URL: withQuery("/cases/feed.xml", encodeQuery(q, ""))}
}

// describeSearch names a search in a few words, for page and feed titles:
// the search words in quotes and each filter value as the page shows it,
// joined by " · ", such as "Executive leadership · National"; "" for no
// search at all.
func (st *state) describeSearch(q search.Query) string {
	var parts []string
	if t := strings.TrimSpace(q.Text); t != "" {
		parts = append(parts, "“"+truncate(t, 80)+"”")
	}
	for _, f := range search.Filters() {
		if f.IsList() {
			for _, v := range f.Strings(&q) {
				parts = append(parts, st.labels.Label(cmp.Or(f.Facet, f.Param), v))
			}
			continue
		}
		if n := f.Number(&q); n != 0 {
			parts = append(parts, f.Label+" "+strconv.Itoa(n))
		}
	}
	return strings.Join(parts, " · ")
}
