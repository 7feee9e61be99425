package replicatest

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// requiredEnv makes a missing nginx a failure instead of a skip (.ci/run
// sets it).
const requiredEnv = "CASEBOOK_NGINX_REQUIRED"

// marker is the word the rolling update puts into one case's title.
const marker = "Zebracorn"

var failTimeout = regexp.MustCompile(`fail_timeout=(\d+)s`)

// TestReplicas: two replicas share one built index behind nginx; through
// nginx, no request fails while one replica is killed and restarted, nor
// during a rolling update to changed content, after which both replicas
// answer the new content identically.
func TestReplicas(t *testing.T) {
	if _, err := exec.LookPath("nginx"); err != nil {
		if v, _ := strconv.ParseBool(os.Getenv(requiredEnv)); v {
			t.Fatalf("nginx is not on PATH and %s is set", requiredEnv)
		}
		t.Skipf("nginx is not on PATH (apt-get install nginx; %s=1 makes this a failure)", requiredEnv)
	}
	if testing.Short() {
		t.Skip("starts two servers and nginx and sends thousands of requests")
	}
	root := repoRoot(t)
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "casebook")
	run(t, root, "go", "build", "-o", bin, "./cmd/casebook")

	oldContent, newContent := filepath.Join(tmp, "content-1"), filepath.Join(tmp, "content-2")
	copyContent(t, filepath.Join(root, "content"), oldContent)
	index := filepath.Join(tmp, "index")
	report(t, "index: %s", strings.TrimSpace(run(t, tmp, bin, "index", "--content", oldContent, "--out", index)))

	ports := freePorts(t, 3)
	var reps []*replica
	var addrs []string
	for i, p := range ports[:2] {
		r := &replica{bin: bin, addr: fmt.Sprintf("127.0.0.1:%d", p), index: index, content: oldContent,
			logPath: filepath.Join(tmp, fmt.Sprintf("replica-%d.log", i))}
		reps, addrs = append(reps, r), append(addrs, r.addr)
		t.Cleanup(func() { r.stop(t, syscall.SIGKILL) })
	}
	for _, r := range reps { // both at once: they open the one index together
		r.start(t)
	}
	site, err := os.ReadFile(filepath.Join(root, "deploy", "nginx", "casebook.conf"))
	if err != nil {
		t.Fatal(err)
	}
	m := failTimeout.FindStringSubmatch(string(site))
	if m == nil {
		t.Fatal("deploy/nginx/casebook.conf sets no fail_timeout")
	}
	secs, _ := strconv.Atoi(m[1])
	// After a replica comes back, nginx sends it traffic again once the
	// fail_timeout of its last counted failure has passed, and failures can
	// still be counted while it stops and restarts (a request racing the
	// close of an idle keep-alive connection; nginx retries it elsewhere, but
	// counts it). Only after two fail_timeouts may the other one stop, or
	// nginx can find no live upstream (seen once in CI with a 0.5 s margin).
	rejoin := 2*time.Duration(secs)*time.Second + time.Second
	ngDir := filepath.Join(tmp, "nginx")
	os.MkdirAll(ngDir, 0o755)
	startNginx(t, nginxConfig(t, string(site), ports[2], addrs, ngDir), ngDir, ports[2])
	base := fmt.Sprintf("http://127.0.0.1:%d", ports[2])
	client := &http.Client{Timeout: 15 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	urls := mixedURLs(t, base)

	// 1. Kill one replica with SIGKILL during the load and restart it.
	kill := loadPlan{base: base, urls: urls, concurrency: 16, min: 2000, max: 10000, pause: 20 * time.Millisecond,
		during: func(done func() int64) {
			waitFor(done, 300)
			reps[0].stop(t, syscall.SIGKILL)
			reps[0].start(t)
		}}
	res := kill.run(client)
	report(t, "kill and restart: %s", res)
	checkNoFailures(t, res, ngDir)
	time.Sleep(rejoin)

	// 2. Rolling update: new content indexed beside the served version, then
	// each replica restarted on it in turn.
	copyContent(t, oldContent, newContent)
	slug, newTitle := retitleFirstCase(t, newContent)
	report(t, "index: %s", strings.TrimSpace(run(t, tmp, bin, "index", "--content", newContent, "--out", index)))
	rolling := loadPlan{base: base, urls: urls, concurrency: 16, min: 2000, max: 20000, pause: 20 * time.Millisecond,
		during: func(done func() int64) {
			waitFor(done, 200)
			for i, r := range reps {
				r.stop(t, syscall.SIGTERM)
				r.content = newContent
				r.start(t)
				if i < len(reps)-1 {
					time.Sleep(rejoin)
				}
			}
		}}
	res = rolling.run(client)
	report(t, "rolling update: %s", res)
	checkNoFailures(t, res, ngDir)

	// 3. Both replicas answer the new content, identically.
	for _, path := range []string{"/api/v1/cases/" + slug, "/api/v1/search?q=" + strings.ToLower(marker), "/cases/" + slug} {
		var bodies []string
		for _, a := range addrs {
			code, body := getBody(t, "http://"+a+path)
			if code != http.StatusOK || !strings.Contains(body, newTitle) {
				t.Errorf("%s%s: %d, without the new title %q", a, path, code, newTitle)
			}
			bodies = append(bodies, body)
		}
		if bodies[0] != bodies[1] {
			t.Errorf("%s: the replicas answer differently", path)
		}
	}
	if code, body := getBody(t, base+"/api/v1/search?q="+strings.ToLower(marker)); code != http.StatusOK || !strings.Contains(body, `"total":1`) {
		t.Errorf("search for the new title through nginx: %d %s", code, body)
	}
	if vs, _ := filepath.Glob(filepath.Join(index, "v-*")); len(vs) != 2 {
		t.Errorf("index folder holds %d versions, want 2 (old and new)", len(vs))
	}
}

// waitFor waits until done reports at least n, or 30 s.
func waitFor(done func() int64, n int64) {
	deadline := time.Now().Add(30 * time.Second)
	for done() < n && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
}

// retitleFirstCase puts marker into the title of the first case file in
// content and returns the case's slug and new title.
func retitleFirstCase(t *testing.T, content string) (slug, title string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(content, "cases", "*.md"))
	if len(files) == 0 {
		t.Fatal("no case files")
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	title = marker + " Rolling Update Case"
	re := regexp.MustCompile(`(?m)^title: .*$`)
	if !re.Match(data) {
		t.Fatalf("%s has no title line", files[0])
	}
	data = re.ReplaceAll(data, []byte("title: "+title))
	if err := os.WriteFile(files[0], data, 0o644); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(filepath.Base(files[0]), ".md"), title
}

// checkNoFailures fails the test, with nginx's error log, if any request
// failed.
func checkNoFailures(t *testing.T, res loadResult, ngDir string) {
	t.Helper()
	if res.requests < 2000 {
		t.Errorf("only %d requests sent", res.requests)
	}
	if res.failures > 0 {
		log, _ := os.ReadFile(filepath.Join(ngDir, "casebook.error.log"))
		t.Errorf("%d of %d requests failed, first: %s\nnginx error log:\n%s", res.failures, res.requests, strings.Join(res.firstFailures, "\n"), log)
	}
}

// report logs a figure and prints it, so that go test -v shows it in CI.
func report(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	t.Log(msg)
	fmt.Printf("    replicas: %s\n", msg)
}
