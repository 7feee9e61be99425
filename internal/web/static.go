package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// staticAsset serves an embedded static file by its content-hashed name.
// Names are looked up in a map, never on a file system.
func (s *Server) staticAsset(c *gin.Context, _ *state) error {
	f, ok := s.static[c.Param("file")]
	if !ok {
		return errNotFound("There is no file at this address.")
	}
	c.Header("Cache-Control", "public, max-age=31536000, immutable")
	send(c, http.StatusOK, f.contentType, f.body)
	return nil
}

// healthz answers 200 once a catalogue and its index are being served, and
// 503 until then.
func (s *Server) healthz(c *gin.Context, st *state) error {
	c.Header("Cache-Control", "no-store")
	if st == nil {
		c.Header("Retry-After", "5")
		send(c, http.StatusServiceUnavailable, "text/plain; charset=utf-8", []byte("starting"))
		return nil
	}
	send(c, http.StatusOK, "text/plain; charset=utf-8", []byte("ok"))
	return nil
}
