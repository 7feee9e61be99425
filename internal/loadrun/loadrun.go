// Package loadrun starts and measures a casebook server process, for the
// tools that put one under load (cmd/loadtest, cmd/soak): build the
// binary, start it on a free loopback port, wait for /healthz, read its
// memory from /proc, stop it, and compute latency percentiles. It imports
// none of Casebook's packages.
package loadrun

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Build builds the casebook command into dir and returns the binary's path.
// It must run inside the module.
func Build(ctx context.Context, dir string) (string, error) {
	bin := dir + string(os.PathSeparator) + "casebook"
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/casebook/casebook/cmd/casebook")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building casebook (run from inside the module): %w", err)
	}
	return bin, nil
}

// Server is a running casebook serve process.
type Server struct {
	URL string // http://127.0.0.1:PORT, once Start returns

	cmd    *exec.Cmd
	exited chan struct{}
	err    error // of Wait, once exited is closed

	mu       sync.Mutex
	errors   int
	warnings int
}

var listeningRE = regexp.MustCompile(`msg=listening url=(http://127\.0\.0\.1:\d+)/`)

// Start runs "bin serve ARGS... --addr 127.0.0.1:0" with env added to its
// environment, writes its output to logPath, and returns once it listens
// on the port it picked. The process is killed if this program dies.
func Start(bin string, args, env []string, logPath string) (*Server, error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, append(append([]string{"serve"}, args...), "--addr", "127.0.0.1:0")...)
	cmd.Env = append(os.Environ(), env...)
	setDeathSignal(cmd)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		logFile.Close()
		return nil, err
	}
	cmd.Stdout = logFile
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, err
	}
	s := &Server{cmd: cmd, exited: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		defer logFile.Close()
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(logFile, line)
			if m := listeningRE.FindStringSubmatch(line); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
			s.mu.Lock()
			if strings.Contains(line, "level=ERROR") {
				s.errors++
			} else if strings.Contains(line, "level=WARN") {
				s.warnings++
			}
			s.mu.Unlock()
		}
		io.Copy(io.Discard, stderr)
		s.err = cmd.Wait()
		close(s.exited)
	}()
	select {
	case s.URL = <-addr:
		return s, nil
	case <-s.exited:
		return nil, fmt.Errorf("the server exited before listening: %v", s.err)
	case <-time.After(30 * time.Second):
		s.Kill()
		return nil, errors.New("the server did not start listening")
	}
}

// PID is the server's process id.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// LogCounts is how many lines of the server's log so far are errors and
// warnings.
func (s *Server) LogCounts() (errors, warnings int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.errors, s.warnings
}

// WaitHealthy polls /healthz until it answers 200, the server exits, ctx
// ends or timeout passes.
func (s *Server) WaitHealthy(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: 5 * time.Second}
	for {
		resp, err := client.Get(s.URL + "/healthz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.exited:
			return fmt.Errorf("the server exited before it was healthy: %v", s.err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the server was not healthy within %v", timeout)
		}
	}
}

// Stop sends SIGTERM, as an operator would, and returns the exit code; a
// server still running after timeout is killed.
func (s *Server) Stop(timeout time.Duration) (int, error) {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return -1, err
	}
	select {
	case <-s.exited:
		return s.cmd.ProcessState.ExitCode(), nil
	case <-time.After(timeout):
		s.Kill()
		return -1, fmt.Errorf("the server did not exit within %v of SIGTERM", timeout)
	}
}

// Kill ends the server at once, if it still runs, and waits for it.
func (s *Server) Kill() {
	select {
	case <-s.exited:
	default:
		s.cmd.Process.Kill()
		<-s.exited
	}
}

// Memory is a process's memory in bytes, from /proc/PID/status.
type Memory struct {
	RSS  int64 // VmRSS: resident now
	Peak int64 // VmHWM: the most ever resident
	Anon int64 // RssAnon: resident and not backed by a file (the heap)
}

// ReadMemory reads the memory of process pid.
func ReadMemory(pid int) (Memory, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return Memory{}, err
	}
	var m Memory
	fields := map[string]*int64{"VmRSS:": &m.RSS, "VmHWM:": &m.Peak, "RssAnon:": &m.Anon}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 || f[2] != "kB" || fields[f[0]] == nil {
			continue
		}
		kb, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return Memory{}, fmt.Errorf("/proc/%d/status: %q: %w", pid, line, err)
		}
		*fields[f[0]] = kb << 10
	}
	if m.RSS == 0 {
		return Memory{}, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
	}
	return m, nil
}

// MB writes a number of bytes in megabytes (MiB), to one decimal.
func MB(b int64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }

// String is the memory for a report line.
func (m Memory) String() string {
	return fmt.Sprintf("%s (anon %s, peak %s)", MB(m.RSS), MB(m.Anon), MB(m.Peak))
}

// Percentile returns the p-th percentile (0 < p <= 1; 1 is the maximum) of
// durations, which it sorts; 0 when there are none.
func Percentile(durations []time.Duration, p float64) time.Duration {
	if len(durations) == 0 {
		return 0
	}
	slices.Sort(durations)
	return durations[min(len(durations)-1, int(p*float64(len(durations))))]
}
