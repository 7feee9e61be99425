package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/search"
)

// handler is a route handler: given the request and the published state,
// it writes a response, or returns an error for the adapter (handle) to
// turn into an error page or JSON error. st is nil only for routes that
// answer before a catalogue is published.
type handler func(c *gin.Context, st *state) error

// handle adapts a handler to gin: it hands it the published state (or,
// when needsState and there is none yet, answers 503) and answers its
// errors.
func (s *Server) handle(h handler, needsState bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		st := s.current()
		var err error
		if st == nil && needsState {
			err = errStarting
		} else {
			err = h(c, st)
		}
		if err != nil {
			s.fail(c, st, err)
		}
	}
}

// httpError is an error with the response it should get. msg is shown to
// the user; err, the cause, goes only to the log.
type httpError struct {
	status int
	code   string
	msg    string
	err    error
	retry  *retryLink // on HTML pages, a way out of the problem
}

// retryLink is a link an error page offers, e.g. the search without the bad parameter.
type retryLink struct{ URL, Label string }

func (e *httpError) Error() string {
	if e.err != nil {
		return e.msg + ": " + e.err.Error()
	}
	return e.msg
}

func (e *httpError) Unwrap() error { return e.err }

var errStarting = &httpError{status: http.StatusServiceUnavailable, code: "unavailable",
	msg: "Casebook is starting up and is not ready to answer yet."}

func errNotFound(msg string) error {
	return &httpError{status: http.StatusNotFound, code: "not_found", msg: msg}
}

// classify turns any error into the response it should get.
func classify(err error) *httpError {
	var he *httpError
	if errors.As(err, &he) {
		return he
	}
	var qe *search.QueryError
	if errors.As(err, &qe) {
		return &httpError{status: http.StatusBadRequest, code: "bad_request", msg: qe.Message, err: err}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &httpError{status: http.StatusServiceUnavailable, code: "timeout",
			msg: "The search took too long. Try fewer words or filters.", err: err}
	}
	return &httpError{status: http.StatusInternalServerError, code: "internal",
		msg: "Something went wrong on our side. The problem has been logged; please try again later.", err: err}
}

// errorHeadings are the page headings of HTML error pages.
var errorHeadings = map[int]string{
	http.StatusBadRequest:          "There is a problem with your search",
	http.StatusNotFound:            "Page not found",
	http.StatusMethodNotAllowed:    "This address cannot be used that way",
	http.StatusServiceUnavailable:  "Sorry, Casebook is not available right now",
	http.StatusInternalServerError: "Sorry, something went wrong",
}

type errorPage struct {
	page
	Status  int
	Heading string
	Message string
	Retry   *retryLink
}

// errorJSON is the body of every API error.
type errorJSON struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// fail answers err: as JSON under /api, as an HTML page elsewhere. Only
// server errors are logged with their cause; the user sees a plain message.
// st is the published state, or nil.
func (s *Server) fail(c *gin.Context, st *state, err error) {
	he := classify(err)
	_ = c.Error(err)
	if he.status >= 500 && he != errStarting {
		s.log.Error("request failed", "method", c.Request.Method, "path", c.Request.URL.Path, "status", he.status, "err", err)
	}
	if c.Writer.Written() {
		return
	}
	if he.status == http.StatusServiceUnavailable {
		c.Header("Retry-After", "5")
	}
	if isAPIPath(c.Request.URL.Path) {
		var body errorJSON
		body.Error.Code, body.Error.Message = he.code, he.msg
		writeJSON(c, he.status, body)
		return
	}
	heading := errorHeadings[he.status]
	if heading == "" {
		heading = http.StatusText(he.status)
	}
	p := s.newPage(c, st, heading, "")
	p.NoIndex = true
	if rerr := s.render(c, he.status, "error", errorPage{page: p, Status: he.status, Heading: heading, Message: he.msg, Retry: he.retry}); rerr != nil {
		s.log.Error("error page failed", "err", rerr)
		send(c, he.status, "text/plain; charset=utf-8", []byte(he.msg+"\n"))
	}
}
