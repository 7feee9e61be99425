package web

import (
	"log/slog"
	"net/http"
	"time"
)

// searchTimeout bounds the time one request may spend searching.
const searchTimeout = 10 * time.Second

// Limits are the time and size limits of the HTTP server, which stop slow
// or oversized requests from holding connections and memory.
type Limits struct {
	ReadHeaderTimeout time.Duration // to read a request's headers (slowloris)
	ReadTimeout       time.Duration // to read a whole request
	WriteTimeout      time.Duration // from the end of the headers to the end of the response
	IdleTimeout       time.Duration // a kept-alive connection waiting for its next request
	MaxHeaderBytes    int           // request line and headers; more gets 431
}

// DefaultLimits are the limits of casebook serve. WriteTimeout leaves a
// search its own time limit and the response time to render and send.
var DefaultLimits = Limits{
	ReadHeaderTimeout: 5 * time.Second,
	ReadTimeout:       10 * time.Second,
	WriteTimeout:      searchTimeout + 20*time.Second,
	IdleTimeout:       2 * time.Minute,
	MaxHeaderBytes:    32 << 10,
}

// NewHTTPServer returns the http.Server that serves h within limits; its
// own errors (bad requests it answers before h sees them) go to log.
func NewHTTPServer(h http.Handler, log *slog.Logger, limits Limits) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: limits.ReadHeaderTimeout,
		ReadTimeout:       limits.ReadTimeout,
		WriteTimeout:      limits.WriteTimeout,
		IdleTimeout:       limits.IdleTimeout,
		MaxHeaderBytes:    limits.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}
