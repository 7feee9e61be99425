package catalog

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestProblemLog(t *testing.T) {
	a := Problem{File: "cases/a.md", Line: 3, Severity: Error, Message: "bad"}
	b := Problem{File: "cases/b.md", Severity: Warning, Message: "odd"}
	c := Problem{File: "cases/c.md", Severity: Error, Message: "worse"}
	tests := []struct {
		name string
		ps   Problems
		want []string // log lines, in order, as substrings
	}{
		{"first report logs all", Problems{a, b}, []string{`level=WARN msg="content problem" problem="cases/a.md:3: bad"`, `level=INFO msg="content problem" problem="cases/b.md: warning: odd"`}},
		{"unchanged logs nothing", Problems{a, b}, nil},
		{"new and fixed", Problems{b, c}, []string{`problem="cases/c.md: worse"`, `msg="content problem fixed" problem="cases/a.md:3: bad"`}},
	}
	var l ProblemLog
	for _, tt := range tests {
		var buf bytes.Buffer
		l.Report(slog.New(slog.NewTextHandler(&buf, nil)), tt.ps)
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
		if buf.Len() == 0 {
			lines = nil
		}
		if len(lines) != len(tt.want) {
			t.Fatalf("%s: logged\n%s\nwant %q", tt.name, buf.String(), tt.want)
		}
		for i, w := range tt.want {
			if !strings.Contains(lines[i], w) {
				t.Errorf("%s: line %d = %q, want %q", tt.name, i, lines[i], w)
			}
		}
	}
	capped := ProblemLog{Max: 1}
	var buf bytes.Buffer
	capped.Report(slog.New(slog.NewTextHandler(&buf, nil)), Problems{a, b, c})
	if got := strings.Count(buf.String(), `msg="content problem"`); got != 1 || !strings.Contains(buf.String(), "count=2") {
		t.Errorf("with Max 1 logged:\n%s", buf.String())
	}
}
