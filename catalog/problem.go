package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a problem stops a file from being served.
type Severity int

const (
	// Error is a problem that must be fixed; validation fails.
	Error Severity = iota
	// Warning is worth a look but does not fail validation.
	Warning
)

// String is the severity as a word: "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Problem is one thing wrong with a content file.
type Problem struct {
	File     string   // path relative to the catalogue root, with forward slashes
	Line     int      // 1-based line in the file, or 0 when the problem has none
	Severity Severity // Error or Warning
	Message  string
	// Count is how many cases a problem about several stands for (the cases
	// using a deleted factor); 0 for a problem of one file.
	Count int
}

// String formats the problem as FILE:LINE: message (FILE: message without a
// line); warnings carry a "warning: " prefix.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Severity == Warning {
		b.WriteString(p.Severity.String() + ": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems is a list of content problems.
type Problems []Problem

// HasErrors reports whether any problem is an error.
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the problems that are errors.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == Error {
			out = append(out, p)
		}
	}
	return out
}

// Sort orders problems by file, then line, then message.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
}

// problemList collects problems for one file.
type problemList struct {
	file string
	list Problems
}

func (pl *problemList) errorf(line int, format string, args ...any) {
	pl.list = append(pl.list, Problem{File: pl.file, Line: line, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

func (pl *problemList) warnf(line int, format string, args ...any) {
	pl.list = append(pl.list, Problem{File: pl.file, Line: line, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

func (pl *problemList) hasErrors() bool { return pl.list.HasErrors() }

// ProblemGroup is problems with one severity and one message, found in one
// or more files: what a short banner shows as a single line.
type ProblemGroup struct {
	Severity Severity
	Message  string
	Problems Problems // in order; at least one
	Count    int      // the cases the group stands for: files, or a problem's Count when larger
}

// String is the group in one line: the problem itself when it is alone,
// else "N files: message (first FILE:LINE, ...)".
func (g ProblemGroup) String() string {
	if len(g.Problems) == 1 {
		return g.Problems[0].String()
	}
	where := make([]string, 0, 3)
	for _, p := range g.Problems[:min(3, len(g.Problems))] {
		w := p.File
		if p.Line > 0 {
			w += fmt.Sprintf(":%d", p.Line)
		}
		where = append(where, w)
	}
	more := ""
	if n := len(g.Problems) - len(where); n > 0 {
		more = fmt.Sprintf(" and %d more", n)
	}
	prefix := ""
	if g.Severity == Warning {
		prefix = g.Severity.String() + ": "
	}
	return fmt.Sprintf("%d files: %s%s (%s%s)", len(g.Problems), prefix, g.Message, strings.Join(where, ", "), more)
}

// Grouped gathers problems with the same severity and message into groups,
// errors first, then in the order the problems come; for a short banner
// ("21 cases use the deleted factor ..." is one problem with Count 21; 21
// files naming one unknown factor are one group). The full list stays in ps.
func (ps Problems) Grouped() []ProblemGroup {
	var groups []ProblemGroup
	index := map[string]int{}
	for _, sev := range []Severity{Error, Warning} {
		for _, p := range ps {
			if p.Severity != sev {
				continue
			}
			key := sev.String() + "\x00" + p.Message
			i, ok := index[key]
			if !ok {
				i = len(groups)
				index[key] = i
				groups = append(groups, ProblemGroup{Severity: sev, Message: p.Message})
			}
			g := &groups[i]
			g.Problems = append(g.Problems, p)
			g.Count = max(len(g.Problems), p.Count, g.Count)
		}
	}
	return groups
}
