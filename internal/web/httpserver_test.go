package web

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestOddPathsOverTheWire sends raw request targets that an HTTP client
// would clean or refuse to the real http.Server, which must not clean them
// into a file or a page either.
func TestOddPathsOverTheWire(t *testing.T) {
	addr := startLimitedServer(t, DefaultLimits)
	for _, tt := range []struct {
		target string
		status string // the status line's code
	}{
		{"/cases/../../../../etc/passwd", "404"},
		{"/static/../../go.mod", "404"},
		{"/static/..%2f..%2fgo.mod", "404"},
		{"//etc/passwd", "404"},
		{"/./cases/community-hubs", "404"},
		{"/cases//community-hubs", "404"},
		{"/cases/community-hubs/..", "404"},
		{"/api/v1/cases/../../../go.mod", "404"},
		{`/cases/..\..\go.mod`, "404"},
		{"http://casebook.test/cases/community-hubs", "200"}, // absolute form is allowed by HTTP/1.1
		{"http://evil.example/../../go.mod", "404"},
		{"*", "404"},
		{"cases/community-hubs", "400"},      // no leading slash: net/http refuses it
		{"/cases/community-hubs\x00", "400"}, // a NUL in the request line: net/http refuses it
	} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: casebook.test\r\nConnection: close\r\n\r\n", tt.target)
		status, err := bufio.NewReader(conn).ReadString('\n')
		conn.Close()
		if err != nil {
			t.Errorf("GET %s: %v", tt.target, err)
			continue
		}
		if f := strings.Fields(status); len(f) < 2 || f[1] != tt.status {
			t.Errorf("GET %s: %q, want %s", tt.target, strings.TrimSpace(status), tt.status)
		}
	}
}

// TestHTTPLimits checks the limits of the real http.Server.
func TestHTTPLimits(t *testing.T) {
	l := DefaultLimits
	hs := NewHTTPServer(http.NotFoundHandler(), slog.New(slog.DiscardHandler), l)
	if hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.WriteTimeout <= 0 || hs.IdleTimeout <= 0 || hs.MaxHeaderBytes <= 0 {
		t.Fatalf("a limit is unset: %+v", l)
	}
	if hs.ReadHeaderTimeout > hs.ReadTimeout || hs.WriteTimeout <= searchTimeout || hs.MaxHeaderBytes > 1<<20 {
		t.Errorf("limits out of proportion: %+v", l)
	}
	if hs.ErrorLog == nil {
		t.Errorf("no ErrorLog: the server's own errors would go to the standard logger")
	}
}

// startLimitedServer serves the test catalogue on a loopback port with the
// given limits and returns its address.
func startLimitedServer(t *testing.T, limits Limits) string {
	t.Helper()
	srv, _ := newTestServer(t, Config{})
	hs := NewHTTPServer(srv, slog.New(slog.DiscardHandler), limits)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return ln.Addr().String()
}

// TestHeaderTooLarge checks that headers over MaxHeaderBytes get 431 and
// that a request within the limit still works.
func TestHeaderTooLarge(t *testing.T) {
	addr := startLimitedServer(t, DefaultLimits)
	send := func(t *testing.T, header string) string {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		go fmt.Fprintf(conn, "GET /healthz HTTP/1.1\r\nHost: casebook.test\r\n%sConnection: close\r\n\r\n", header)
		status, err := bufio.NewReader(conn).ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(status)
	}
	max := DefaultLimits.MaxHeaderBytes
	if got := send(t, "X-Big: "+strings.Repeat("a", max/2)+"\r\n"); got != "HTTP/1.1 200 OK" {
		t.Errorf("header within the limit: %q", got)
	}
	if got := send(t, "X-Big: "+strings.Repeat("a", 2*max)+"\r\n"); !strings.HasPrefix(got, "HTTP/1.1 431") {
		t.Errorf("one huge header: %q, want 431", got)
	}
	if got := send(t, strings.Repeat("X-Many: "+strings.Repeat("b", 100)+"\r\n", 2*max/100)); !strings.HasPrefix(got, "HTTP/1.1 431") {
		t.Errorf("many headers: %q, want 431", got)
	}
	// A request line longer than the limit is refused the same way.
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	go fmt.Fprintf(conn, "GET /cases?q=%s HTTP/1.1\r\nHost: casebook.test\r\n\r\n", strings.Repeat("a", 2*max))
	if status, _ := bufio.NewReader(conn).ReadString('\n'); !strings.HasPrefix(status, "HTTP/1.1 431") {
		t.Errorf("long request line: %q, want 431", status)
	}
}

// TestSlowHeadersAreCutOff checks that a client sending its headers a byte
// at a time (slowloris) is disconnected once ReadHeaderTimeout has passed,
// however steadily it trickles, while other clients are served.
func TestSlowHeadersAreCutOff(t *testing.T) {
	limits := DefaultLimits
	limits.ReadHeaderTimeout = 300 * time.Millisecond
	limits.ReadTimeout = time.Second
	addr := startLimitedServer(t, limits)

	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /cases HTTP/1.1\r\nHost: casebook.test\r\n"); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() { // a byte every 20 ms, never finishing the headers
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if _, err := conn.Write([]byte("X")); err != nil {
					return
				}
			}
		}
	}()
	// Meanwhile a normal client is served.
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("normal client: %d", resp.StatusCode)
	}
	// The guard deadline is far beyond the limit: reaching it means the
	// server never cut the slow client off.
	conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	b, err := io.ReadAll(conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the server kept a connection open whose headers never ended")
	}
	if len(b) > 0 && !strings.HasPrefix(string(b), "HTTP/1.1 4") {
		t.Errorf("the slow client got %q", truncate(string(b), 200))
	}
}

// Graceful shutdown. TestGracefulShutdown runs the test binary again as
// "casebook serve" (TestServeHelperProcess), holds requests in flight and
// sends the process SIGTERM: every request in flight must complete with
// 200, new connections must be refused, and the process must exit 0.
