package nodetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRequired(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  bool
	}{{"1", true}, {"true", true}, {"", false}, {"0", false}, {"no", false}} {
		t.Run(tc.value, func(t *testing.T) {
			t.Setenv(RequiredEnv, tc.value)
			if got := Required(); got != tc.want {
				t.Errorf("Required() with %s=%q = %v, want %v", RequiredEnv, tc.value, got, tc.want)
			}
		})
	}
}

// TestRunSkipsWithoutModule checks that a missing npm package skips the
// test when CASEBOOK_NODE_REQUIRED is unset.
func TestRunSkipsWithoutModule(t *testing.T) {
	t.Setenv(RequiredEnv, "")
	var sub *testing.T
	t.Run("missing", func(t *testing.T) {
		sub = t
		Run(t, t.TempDir(), []string{"no-such-module"}, "x.js")
		t.Error("Run returned although the module is missing")
	})
	if !sub.Skipped() {
		t.Error("the test was not skipped")
	}
}

// TestRunReportsScriptFailure checks that output comes back and that a
// failing script's exit status and standard error reach the caller.
func TestRunReportsScriptFailure(t *testing.T) {
	t.Setenv(RequiredEnv, "")
	dir := t.TempDir()
	script := `process.stdout.write(process.argv[2]); process.stderr.write("boom"); process.exit(Number(process.argv[3]))`
	if err := os.WriteFile(filepath.Join(dir, "s.js"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := Run(t, dir, nil, "s.js", "hello", "0")
	if err != nil || string(out) != "hello" {
		t.Errorf("Run = %q, %v; want hello, nil", out, err)
	}
	_, err = Run(t, dir, nil, "s.js", "hello", "3")
	if err == nil || !strings.Contains(err.Error(), "exit status 3") || !strings.Contains(err.Error(), "boom") {
		t.Errorf("Run of a failing script = %v; want exit status 3 and its stderr", err)
	}
}
