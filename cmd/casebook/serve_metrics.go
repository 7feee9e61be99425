package main

import (
	"errors"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"

	"github.com/casebook/casebook/internal/metrics"
)

// serveMetrics serves m at http://addr/metrics on a listener of its own,
// until the returned server is shut down. With m nil (no --metrics-addr) it
// does nothing and returns nil. listening, if set, is told the address.
func serveMetrics(m *metrics.Metrics, addr string, log *slog.Logger, listening func(string)) (*http.Server, error) {
	if m == nil {
		return nil, nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	hs := m.Server(addr)
	hs.ErrorLog = slog.NewLogLogger(log.Handler(), slog.LevelWarn)
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server stopped", "err", err)
		}
	}()
	log.Info("metrics", "url", "http://"+ln.Addr().String()+"/metrics")
	if listening != nil {
		listening(ln.Addr().String())
	}
	return hs, nil
}

// freeLoadGarbage hands the memory that loading the catalogue and building
// or opening its index left behind back to the operating system at once,
// instead of waiting for the runtime's scavenger: the garbage of a build is
// several times the catalogue served.
func freeLoadGarbage() { debug.FreeOSMemory() }
