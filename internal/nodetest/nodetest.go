// Package nodetest runs the test-only node scripts that check Casebook's
// output with outside JavaScript libraries (citation-js, the Frictionless
// datapackage library). It imports none of Casebook's packages and is meant
// for tests only.
//
// Without node, or without the npm packages a script needs (installed by
// scripts/node-deps.sh with npm ci), Run skips the test with the reason; when
// CASEBOOK_NODE_REQUIRED is set to a true value, as .ci/run sets it, it fails
// the test instead, so CI cannot pass without the outside check.
package nodetest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// RequiredEnv names the variable that turns a missing node or npm package
// into a test failure instead of a skip.
const RequiredEnv = "CASEBOOK_NODE_REQUIRED"

// Required reports whether RequiredEnv is set to a true value.
func Required() bool {
	b, err := strconv.ParseBool(os.Getenv(RequiredEnv))
	return err == nil && b
}

// Run runs `node script args...` in dir, the folder holding package.json and
// node_modules, and returns what the script wrote to standard output. It
// first checks that node is on the PATH and that each of modules is installed
// in dir/node_modules; if not, it skips t (or fails it, see Required). A
// script that exits non-zero gives an error that carries its standard error.
func Run(t testing.TB, dir string, modules []string, script string, args ...string) ([]byte, error) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		unavailable(t, "node is not on the PATH")
	}
	for _, m := range modules {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", m, "package.json")); err != nil {
			unavailable(t, fmt.Sprintf("npm package %s is not installed in %s (run scripts/node-deps.sh)", m, dir))
		}
	}
	cmd := exec.CommandContext(t.Context(), node, append([]string{script}, args...)...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.Bytes(), fmt.Errorf("node %s: %w: %s", script, err, strings.TrimSpace(stderr.String()))
	}
	return stdout.Bytes(), nil
}

// unavailable skips t with reason, or fails it when Required.
func unavailable(t testing.TB, reason string) {
	t.Helper()
	if Required() {
		t.Fatalf("%s (%s is set, so this is a failure)", reason, RequiredEnv)
	}
	t.Skipf("skipped: %s; set %s=1 to make this a failure", reason, RequiredEnv)
}
