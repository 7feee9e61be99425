package web

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// TestNotReady checks the answers while the first catalogue is loading.
func TestNotReady(t *testing.T) {
	gin.SetMode(gin.TestMode)
	srv, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ path, ctype string }{
		{"/healthz", "text/plain; charset=utf-8"},
		{"/", ctHTML},
		{"/cases?q=x", ctHTML},
		{"/api/v1/search", ctJSON},
	} {
		w := get(t, srv, tt.path)
		if w.Code != 503 || w.Header().Get("Content-Type") != tt.ctype || w.Header().Get("Retry-After") == "" {
			t.Errorf("%s before ready: %d %q Retry-After=%q", tt.path, w.Code, w.Header().Get("Content-Type"), w.Header().Get("Retry-After"))
		}
	}
	cat, ix := testIndex(t)
	if old := srv.setState(newState(cat, ix, cat.Problems)); old != nil {
		t.Errorf("setState returned %v before any state", old)
	}
	if w := get(t, srv, "/healthz"); w.Code != 200 || w.Body.String() != "ok" {
		t.Errorf("/healthz when ready: %d %q", w.Code, w.Body.String())
	}
	if srv.current() == nil {
		t.Errorf("current() is nil after setState")
	}
}

func TestCountValues(t *testing.T) {
	cat, _ := testIndex(t)
	st := newState(cat, nil, cat.Problems)
	var got []string
	for _, v := range st.sectors {
		got = append(got, v.Label+":"+strconv.Itoa(v.Count))
	}
	want := "health:2 <iframe src=//evil.example>:1 digital government:1 municipal budgeting:1 Social Services:1"
	if strings.Join(got, " ") != want {
		t.Errorf("sectors = %s, want %s", strings.Join(got, " "), want)
	}
	if n := len(st.byFactor["collaboration"]); n != 3 {
		t.Errorf("collaboration count = %d", n)
	}
	if !slices.IsSortedFunc(st.byFactor["collaboration"], compareNewest) {
		t.Errorf("cases of a factor are not newest first")
	}
	if tg := st.together["service-users"]; len(tg) != 1 || tg[0].Slug != "collaboration" || tg[0].Count != 1 {
		t.Errorf("together = %+v", tg)
	}
}
