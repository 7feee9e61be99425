package web

import (
	"context"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/search"
)

// Observer is told about every answered request and every search, for
// metrics. *metrics.Metrics satisfies it; internal/web needs no Prometheus
// types.
type Observer interface {
	// ObserveRequest counts one request by its route pattern (e.g.
	// /cases/:slug, or "unmatched"), status code and duration.
	ObserveRequest(route string, status int, d time.Duration)
	// ObserveSearch records the time one search on the index took.
	ObserveSearch(d time.Duration)
	// SetCatalog records the catalogue just published: its counts and its
	// content version.
	SetCatalog(cases, factors, problems int, contentVersion string)
}

// contentVersion is the content version of cat for the metrics' build info.
// Hook: package catalog gains a content version (catalog.Version, a short
// hash of every content file) in another branch; until it is merged this
// is "", and the merge makes this return it.
func contentVersion(*catalog.Catalog) string { return "" }

// unmatchedRoute is the route label of a request no route matched.
const unmatchedRoute = "unmatched"

// observeRequests tells the observer the route pattern, status and
// duration of each request. The route is gin's pattern, never the raw path,
// so that the number of label values stays fixed.
func (s *Server) observeRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = unmatchedRoute
	}
	s.observer.ObserveRequest(route, c.Writer.Status(), time.Since(start))
}

// search runs q on st's index and tells the observer how long it took.
func (s *Server) search(ctx context.Context, st *state, q search.Query) (*search.Response, error) {
	start := time.Now()
	resp, err := st.ix.Search(ctx, q)
	if s.observer != nil {
		s.observer.ObserveSearch(time.Since(start))
	}
	return resp, err
}
