package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/webtest"
)

// TestWatchEditingSafety runs issue 14's editing mistakes against a real
// casebook serve --watch, one after the other: while a file is broken the
// page keeps its last good title and factors, the problem names the right
// file and line, and the fix clears it.
func TestWatchEditingSafety(t *testing.T) {
	const users = "---\ntitle: A focus on service users\nsummary: Start from the needs of the people served.\n---\n"
	files := map[string]string{
		"factors/collaboration.md": collaborationFactor,
		"factors/service-users.md": users,
		"cases/hubs.md":            watchCase("Community hubs", "collaboration"),
	}
	for i := range 21 {
		files[fmt.Sprintf("cases/user-%02d.md", i)] = watchCase(fmt.Sprintf("User case %d", i), "service-users")
	}
	ws := startWatch(t, files)
	good := files["cases/hubs.md"]
	ws.waitCase("hubs", http.StatusOK, "Community hubs")

	// lastGood checks that the hubs page still shows its last good title
	// and factor, and not the text of the broken edit.
	lastGood := func(t *testing.T, notWant string) {
		t.Helper()
		code, body := ws.get("/cases/hubs")
		if code != http.StatusOK || !strings.Contains(body, "Community hubs") || !strings.Contains(body, "A culture of collaboration") || strings.Contains(body, notWant) {
			t.Errorf("/cases/hubs while broken: %d, want the last good title and factors, without %q", code, notWant)
		}
	}
	// fix restores the good file and waits for the problem to go.
	fix := func(t *testing.T, problem string) {
		t.Helper()
		ws.write("cases/hubs.md", good)
		ws.waitProblem(problem, false)
		if ps := ws.problems(); len(ps) != 0 {
			t.Errorf("problems after the fix: %q", ps)
		}
	}

	t.Run("misspelled factor", func(t *testing.T) {
		ws.write("cases/hubs.md", watchCase("Hubs renamed", "colaboration"))
		ws.waitProblem(`cases/hubs.md:7: unknown factor "colaboration" (did you mean "collaboration"?)`, true)
		lastGood(t, "Hubs renamed")
		fix(t, "cases/hubs.md")
	})

	t.Run("archive copy", func(t *testing.T) {
		ws.write("cases/archive/hubs.md", watchCase("Archived hubs", "collaboration"))
		ws.waitProblem("cases/archive/hubs.md", true)
		lastGood(t, "Archived hubs")
		for _, p := range ws.problems() {
			if strings.HasPrefix(p, "cases/hubs.md") {
				t.Errorf("the live case is blamed: %s", p)
			}
		}
		ws.remove("cases/archive")
		ws.waitProblem("cases/archive/hubs.md", false)
		ws.waitCase("hubs", http.StatusOK, "Community hubs")
	})

	t.Run("deleted factor used by many", func(t *testing.T) {
		ws.remove("factors/service-users.md")
		ws.waitProblem(`factors/service-users.md: factors/service-users.md was deleted, but 21 cases use the factor "service-users"`, true)
		if ps := ws.problems(); len(ps) != 1 {
			t.Errorf("problems = %q, want one", ps)
		}
		if code, body := ws.get("/factors/service-users"); code != http.StatusOK || !strings.Contains(body, "A focus on service users") {
			t.Errorf("/factors/service-users: %d after its file was deleted, want its last good version", code)
		}
		ws.waitCase("user-00", http.StatusOK, "A focus on service users")
		_, body := ws.get("/cases")
		text, ok := webtest.Banner(t, body)
		if n := strings.Count(body, `<li class="problem-`); !ok || n != 1 || !strings.Contains(text, "21 cases use the factor") {
			t.Errorf("banner %v with %d lines, want one naming the 21 cases: %s", ok, n, text)
		}
		ws.write("factors/service-users.md", users)
		ws.waitProblem("was deleted", false)
	})

	t.Run("unclosed quote", func(t *testing.T) {
		ws.write("cases/hubs.md", strings.Replace(good, "title: Community hubs", `title: "Hubs unclosed`, 1))
		ws.waitProblem("cases/hubs.md:2:", true)
		lastGood(t, "Hubs unclosed")
		fix(t, "cases/hubs.md")
	})

	t.Run("quoted year", func(t *testing.T) {
		// A warning, not an error: the new version is published.
		ws.write("cases/hubs.md", strings.Replace(watchCase("Community hubs, quoted", "collaboration"), "year: 2016", `year: "2016"`, 1))
		ws.waitProblem("cases/hubs.md:6: warning:", true)
		ws.waitCase("hubs", http.StatusOK, "Community hubs, quoted")
		if ps := ws.problems(); len(ps) != 1 || !strings.Contains(ps[0], "remove the quotes") {
			t.Errorf("problems = %q, want one warning saying to remove the quotes", ps)
		}
		fix(t, "cases/hubs.md")
	})
}
