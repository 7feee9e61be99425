package web

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// eventsRetry is the reconnection delay /events asks browsers to use after
// the stream ends (a server restart), in milliseconds.
const eventsRetry = 1000

// eventsKeepAlive is how often /events repeats the version while nothing
// is published, so that proxies and the browser keep the stream open.
const eventsKeepAlive = 30 * time.Second

// publisher tells the live-preview streams (/events, serve --watch only)
// when a catalogue is published. Its version changes on each publish and
// differs between runs of the server, so a browser that reconnects after a
// restart sees that it must refresh.
type publisher struct {
	mu      sync.Mutex
	boot    string        // identifies this run of the server
	n       int           // catalogues published
	changed chan struct{} // closed and replaced on each publish
	done    chan struct{} // closed by EndStreams
	ended   bool
}

func newPublisher() *publisher {
	return &publisher{boot: strconv.FormatInt(time.Now().UnixNano(), 36), changed: make(chan struct{}), done: make(chan struct{})}
}

// publish wakes every stream.
func (p *publisher) publish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	close(p.changed)
	p.changed = make(chan struct{})
}

// current returns the version and a channel closed at the next publish.
func (p *publisher) current() (string, <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.boot + "-" + strconv.Itoa(p.n), p.changed
}

// EndStreams ends the live-preview streams and refuses new ones, so that a
// graceful shutdown does not wait for them: register it with
// http.Server.RegisterOnShutdown. It may be called more than once.
func (s *Server) EndStreams() {
	s.live.mu.Lock()
	defer s.live.mu.Unlock()
	if !s.live.ended {
		s.live.ended = true
		close(s.live.done)
	}
}

// events is the live-preview stream: a server-sent event "catalogue" with
// the current version at once and after each publish, until the request
// ends or the server shuts down. It streams, so it writes and flushes
// rather than using send.
func (s *Server) events(c *gin.Context) {
	select {
	case <-s.live.done:
		c.Header("Retry-After", "5")
		send(c, http.StatusServiceUnavailable, "text/plain; charset=utf-8", []byte("shutting down"))
		return
	default:
	}
	w := c.Writer
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: pass each event on at once
	// The stream outlives the server's write timeout for whole responses.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: %d\n\n", eventsRetry)
	keepAlive := time.NewTicker(eventsKeepAlive)
	defer keepAlive.Stop()
	for {
		// The same version again (every eventsKeepAlive) keeps proxies
		// from closing the stream; browsers only act on a new one.
		version, changed := s.live.current()
		if _, err := fmt.Fprintf(w, "event: catalogue\ndata: %s\n\n", version); err != nil {
			return
		}
		w.Flush()
		select {
		case <-c.Request.Context().Done():
			return
		case <-s.live.done:
			return
		case <-keepAlive.C:
		case <-changed:
		}
	}
}
