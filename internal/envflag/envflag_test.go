package envflag

import (
	"errors"
	"flag"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

// serveFlags is a flag set like casebook serve's.
type serveFlags struct {
	addr, index, metricsAddr string
	watch                    bool
	workers                  int
	timeout                  time.Duration
}

func newServeFlags() (*flag.FlagSet, *serveFlags) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	v := &serveFlags{}
	fs.StringVar(&v.addr, "addr", "127.0.0.1:8080", "")
	fs.StringVar(&v.index, "index", "", "")
	fs.StringVar(&v.metricsAddr, "metrics-addr", "", "")
	fs.BoolVar(&v.watch, "watch", false, "")
	fs.IntVar(&v.workers, "workers", 4, "")
	fs.DurationVar(&v.timeout, "timeout", time.Second, "")
	return fs, v
}

func lookupIn(env map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := env[k]; return v, ok }
}

func TestApply(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		env     map[string]string
		want    serveFlags
		wantVar string // the variable a failure names, or ""
	}{
		{name: "defaults", want: serveFlags{addr: "127.0.0.1:8080", workers: 4, timeout: time.Second}},
		{name: "environment used",
			env:  map[string]string{"CASEBOOK_ADDR": "127.0.0.1:9000", "CASEBOOK_INDEX": "/var/lib/x", "CASEBOOK_METRICS_ADDR": "127.0.0.1:9100", "CASEBOOK_WATCH": "true", "CASEBOOK_WORKERS": "8", "CASEBOOK_TIMEOUT": "3s"},
			want: serveFlags{addr: "127.0.0.1:9000", index: "/var/lib/x", metricsAddr: "127.0.0.1:9100", watch: true, workers: 8, timeout: 3 * time.Second}},
		{name: "flag wins",
			args: []string{"--addr", "127.0.0.1:7000", "--watch=false", "--workers", "2"},
			env:  map[string]string{"CASEBOOK_ADDR": "127.0.0.1:9000", "CASEBOOK_WATCH": "true", "CASEBOOK_WORKERS": "8", "CASEBOOK_INDEX": "/srv/ix"},
			want: serveFlags{addr: "127.0.0.1:7000", index: "/srv/ix", workers: 2, timeout: time.Second}},
		{name: "empty means unset", env: map[string]string{"CASEBOOK_ADDR": "", "CASEBOOK_WORKERS": ""},
			want: serveFlags{addr: "127.0.0.1:8080", workers: 4, timeout: time.Second}},
		{name: "other prefix ignored", env: map[string]string{"ADDR": "x", "OTHER_ADDR": "y"},
			want: serveFlags{addr: "127.0.0.1:8080", workers: 4, timeout: time.Second}},
		{name: "bad bool", env: map[string]string{"CASEBOOK_WATCH": "maybe"}, wantVar: "CASEBOOK_WATCH"},
		{name: "bad int", env: map[string]string{"CASEBOOK_WORKERS": "many"}, wantVar: "CASEBOOK_WORKERS"},
		{name: "bad duration", env: map[string]string{"CASEBOOK_TIMEOUT": "soon"}, wantVar: "CASEBOOK_TIMEOUT"},
		{name: "bad value overridden by a flag", args: []string{"--workers", "3"}, env: map[string]string{"CASEBOOK_WORKERS": "many"},
			want: serveFlags{addr: "127.0.0.1:8080", workers: 3, timeout: time.Second}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, got := newServeFlags()
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			err := Apply(fs, "CASEBOOK_", lookupIn(tc.env))
			if tc.wantVar != "" {
				var e *Error
				if !errors.As(err, &e) || e.Var != tc.wantVar || !strings.Contains(err.Error(), tc.wantVar) || !strings.Contains(err.Error(), tc.env[tc.wantVar]) {
					t.Fatalf("error %v, want one naming %s and its value", err, tc.wantVar)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if *got != tc.want {
				t.Errorf("got %+v, want %+v", *got, tc.want)
			}
		})
	}
}

func TestName(t *testing.T) {
	for in, want := range map[string]string{"addr": "CASEBOOK_ADDR", "metrics-addr": "CASEBOOK_METRICS_ADDR", "log-format": "CASEBOOK_LOG_FORMAT", "base-url": "CASEBOOK_BASE_URL"} {
		if got := Name("CASEBOOK_", in); got != want {
			t.Errorf("Name(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnknown(t *testing.T) {
	fs, _ := newServeFlags()
	got := Unknown(fs, "CASEBOOK_", []string{"CASEBOOK_ADDR=x", "CASEBOOK_ADRR=y", "HOME=/root", "CASEBOOK_NGINX_REQUIRED=1", "CASEBOOK_METRICS_ADDR=", "NOEQUALS"})
	if want := []string{"CASEBOOK_ADRR", "CASEBOOK_NGINX_REQUIRED"}; !slices.Equal(got, want) {
		t.Errorf("Unknown = %v, want %v", got, want)
	}
}
