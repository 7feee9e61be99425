package replicatest

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// repoRoot is the module's root folder (this package is internal/replicatest).
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no go.mod in %s", root)
	}
	return root
}

// run runs a command to completion and fails the test with its output if it
// fails.
func run(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// freePorts returns n loopback ports that were free a moment ago.
func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var lns []net.Listener
	var ports []int
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		lns = append(lns, ln)
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
	}
	for _, ln := range lns {
		ln.Close()
	}
	return ports
}

// copyContent copies the catalogue's files (not its Go files) from src to dst.
func copyContent(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if strings.HasSuffix(path, ".go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// replica is one casebook serve process.
type replica struct {
	bin, addr, index, logPath string
	content                   string
	cmd                       *exec.Cmd
	exited                    chan struct{}
}

// start starts the replica with its content and index and waits until its
// /healthz answers 200.
func (r *replica) start(t *testing.T) {
	t.Helper()
	logf, err := os.OpenFile(r.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	r.cmd = exec.Command(r.bin, "serve", "--content", r.content, "--index", r.index, "--addr", r.addr)
	r.cmd.Stdout, r.cmd.Stderr = logf, logf
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r.exited = make(chan struct{})
	go func(cmd *exec.Cmd, done chan struct{}) { cmd.Wait(); close(done) }(r.cmd, r.exited)
	waitHealthy(t, "http://"+r.addr, r.logPath)
}

// stop sends sig to the replica and waits for it to exit.
func (r *replica) stop(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if r.cmd == nil {
		return
	}
	r.cmd.Process.Signal(sig)
	select {
	case <-r.exited:
	case <-time.After(20 * time.Second):
		r.cmd.Process.Kill()
		<-r.exited
		t.Errorf("replica %s did not stop on %v", r.addr, sig)
	}
	r.cmd = nil
}

// waitHealthy waits until base/healthz answers 200.
func waitHealthy(t *testing.T, base, logPath string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	log, _ := os.ReadFile(logPath)
	t.Fatalf("%s/healthz not 200 within 30 s; log:\n%s", base, log)
}

var (
	upstreamServer = regexp.MustCompile(`(?m)^(\s*)server 127\.0\.0\.1:\d+ (.*)$`)
	listenLine     = regexp.MustCompile(`(?m)^\s*listen .*;\n`)
)

// nginxConfig makes a complete nginx.conf from the site configuration in
// deploy/nginx: the upstream lists replicas, it listens on 127.0.0.1:port,
// and pid, logs and temporary files stay in dir.
func nginxConfig(t *testing.T, site string, port int, replicas []string, dir string) string {
	t.Helper()
	m := upstreamServer.FindStringSubmatch(site)
	if m == nil {
		t.Fatal("deploy/nginx/casebook.conf has no upstream server line")
	}
	var servers []string
	for _, r := range replicas {
		servers = append(servers, m[1]+"server "+r+" "+m[2])
	}
	first := true
	site = upstreamServer.ReplaceAllStringFunc(site, func(string) string {
		if !first {
			return "\x00"
		}
		first = false
		return strings.Join(servers, "\n")
	})
	site = strings.ReplaceAll(site, "\x00\n", "")
	site = listenLine.ReplaceAllLiteralString(site, "")
	site = strings.Replace(site, "server {\n", fmt.Sprintf("server {\n    listen 127.0.0.1:%d;\n", port), 1)
	site = strings.ReplaceAll(site, "/var/log/nginx/", dir+"/")
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;\n" // workers need the temporary folders in dir
	}
	return fmt.Sprintf(`%sworker_processes 2;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log warn;
events { worker_connections 1024; }
http {
    client_body_temp_path %[2]s/body;
    proxy_temp_path %[2]s/proxy;
    fastcgi_temp_path %[2]s/fastcgi;
    uwsgi_temp_path %[2]s/uwsgi;
    scgi_temp_path %[2]s/scgi;
%s
}
`, user, dir, site)
}

// startNginx checks the configuration with nginx -t, runs nginx in the
// foreground and waits until it answers on port.
func startNginx(t *testing.T, conf, dir string, port int) {
	t.Helper()
	path := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, dir, "nginx", "-t", "-p", dir, "-e", filepath.Join(dir, "error.log"), "-c", path)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, "nginx", "-p", dir, "-e", filepath.Join(dir, "error.log"), "-c", path, "-g", "daemon off;")
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGQUIT) }
	cmd.WaitDelay = 10 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	waitHealthy(t, fmt.Sprintf("http://127.0.0.1:%d", port), filepath.Join(dir, "error.log"))
}
