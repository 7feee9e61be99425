package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/search"
)

// redirectEmptyParams answers a search whose query string holds empty
// parameters, as the search form's GET submits them (/cases?q=&year_from=),
// with a redirect to the same search at its clean address, so that the
// address people share names only what they chose. Requests for a part of
// the page (search as you type) are answered where they are. It reports
// whether it redirected.
func redirectEmptyParams(c *gin.Context, path string, q search.Query) bool {
	if !hasEmptyParam(c.Request.URL.RawQuery) || fragmentOf(c) != "" || (c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead) {
		return false
	}
	c.Redirect(http.StatusFound, withQuery(path, encodeQuery(q, "")))
	return true
}

// hasEmptyParam reports whether a query string has a parameter without a
// value, such as "q=" or "&&".
func hasEmptyParam(rawQuery string) bool {
	if rawQuery == "" {
		return false
	}
	for part := range strings.SplitSeq(rawQuery, "&") {
		_, v, _ := strings.Cut(part, "=")
		if v, err := url.QueryUnescape(v); err == nil && strings.TrimSpace(v) == "" {
			return true
		}
	}
	return false
}
