// Package web is Casebook's web catalogue and JSON API: the HTML pages
// (home, search and browse, case and factor pages, about, editor guide),
// the Atom feed, the sitemap and the /api/v1 routes, served with gin.
//
// A Server is built once with New and is an http.Handler. It serves
// whichever catalogue was published last: until the first Publish every
// page answers 503 (and /healthz "starting"); each later Publish swaps in a
// new catalogue and index for the requests that follow, while requests
// already running keep the one they started with. NewHTTPServer wraps a
// handler in an http.Server with Casebook's time and size limits.
//
// Handlers return errors; one adapter (errors.go) turns them into an HTML
// status page or a JSON error, and users never see the text of an internal
// failure. The files follow the concerns: routes.go lists every route,
// errors.go, middleware.go, render.go (page model, templates, static
// files), state.go (the served catalogue), params.go (query parameters),
// and one file per page or API group.
package web
