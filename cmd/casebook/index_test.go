package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestIndexCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "index")
	for _, tc := range []struct {
		name      string
		args      []string
		code      int
		stdout    string
		stderr    string
		notStdout string
	}{
		{name: "no --out", args: []string{"index"}, code: exitUsage, stderr: "--out DIR is required"},
		{name: "stray argument", args: []string{"index", "--out", out, "extra"}, code: exitUsage, stderr: `unexpected argument "extra"`},
		{name: "missing content", args: []string{"index", "--out", out, "--content", filepath.Join(out, "nope")}, code: exitInvalid, stderr: "not found"},
		{name: "first build", args: []string{"index", "--out", out}, code: exitOK, stdout: ": built in", notStdout: "already"},
		{name: "again", args: []string{"index", "--out", out}, code: exitOK, stdout: ": already built in"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, &cliEnv{stdout: &stdout, stderr: &stderr})
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), tc.stdout) || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stdout %q (want %q), stderr %q (want %q)", stdout.String(), tc.stdout, stderr.String(), tc.stderr)
			}
			if tc.notStdout != "" && strings.Contains(stdout.String(), tc.notStdout) {
				t.Errorf("stdout %q has %q", stdout.String(), tc.notStdout)
			}
		})
	}
	if dirs, _ := filepath.Glob(filepath.Join(out, "v-*")); len(dirs) != 1 {
		t.Errorf("index folder holds versions %v, want one", dirs)
	}
}
