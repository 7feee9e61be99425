package web

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// readEvent reads one server-sent event's data line of the given event
// name, skipping other lines.
func readEvent(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	event := ""
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("reading the stream: %v", err)
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: ") && event == "catalogue":
			return strings.TrimPrefix(line, "data: ")
		}
	}
}

// startEvents serves srv on a real listener and registers EndStreams for
// shutdown, as casebook serve does.
func startEvents(t *testing.T, srv *Server) (*http.Server, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := NewHTTPServer(srv, srv.log, DefaultLimits)
	hs.RegisterOnShutdown(srv.EndStreams)
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return hs, "http://" + ln.Addr().String()
}

// TestEvents checks the live-preview stream: it exists only in watch mode,
// streams (no Content-Length), asks for a reconnection delay, sends a new
// version on each publish, and ends on shutdown without holding it up.
func TestEvents(t *testing.T) {
	plain, _ := newTestServer(t, Config{})
	if code := get(t, plain, "/events").Code; code != http.StatusNotFound {
		t.Errorf("without watch, /events answers %d, want 404", code)
	}
	if body := get(t, plain, "/").Body.String(); strings.Contains(body, "live.") {
		t.Errorf("without watch, pages link the live script")
	}

	srv, _ := newTestServer(t, Config{Watch: true})
	body := get(t, srv, "/").Body.String()
	if !strings.Contains(body, `<script src="/static/live.`) || !strings.Contains(body, ".js\" defer></script>") {
		t.Errorf("in watch mode, pages do not link the live script")
	}
	hs, base := startEvents(t, srv)
	resp, err := http.Get(base + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" || resp.ContentLength != -1 {
		t.Errorf("Content-Type %q, Content-Length %d: want a stream", ct, resp.ContentLength)
	}
	r := bufio.NewReader(resp.Body)
	if line, _ := r.ReadString('\n'); line != "retry: 1000\n" {
		t.Errorf("first line %q, want the retry hint", line)
	}
	first := readEvent(t, r)
	cat, ix := testIndex(t)
	srv.Publish(cat, ix, cat.Problems)
	second := readEvent(t, r)
	if first == "" || second == first {
		t.Errorf("versions %q then %q: want a new one after Publish", first, second)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil {
		t.Errorf("shutdown with an open stream: %v", err)
	}
	if rest, err := io.ReadAll(r); err != nil || strings.Contains(string(rest), "data:") {
		t.Errorf("after shutdown the stream sent %q, %v; want its end", rest, err)
	}
}

// TestEventsEndWithRequest checks that a stream ends when its client goes.
func TestEventsEndWithRequest(t *testing.T) {
	srv, _ := newTestServer(t, Config{Watch: true})
	ctx, cancel := context.WithCancel(context.Background())
	req := newRequest(http.MethodGet, "/events").WithContext(ctx)
	done := make(chan struct{})
	go func() {
		serve1(srv, req)
		close(done)
	}()
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the stream did not end with its request")
	}
}
