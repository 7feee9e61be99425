package catalog

import (
	"context"
	"log/slog"
	"maps"
	"slices"
)

// ProblemLog logs content problems as they come and go: each Report logs
// the problems not reported before (errors as warnings, warnings as info)
// and those fixed since. The zero value is ready; it is not safe for
// concurrent use.
type ProblemLog struct {
	// Max is how many new, and how many fixed, problems one Report logs one
	// by one; the rest are counted. 0 means no limit.
	Max int

	reported map[string]bool
}

// Seen marks problems as reported without logging them, for problems
// already logged another way.
func (l *ProblemLog) Seen(ps Problems) {
	l.reported = make(map[string]bool, len(ps))
	for _, p := range ps {
		l.reported[p.String()] = true
	}
}

// Report logs the problems of ps that are new since the last Report and
// those reported then that ps no longer has.
func (l *ProblemLog) Report(log *slog.Logger, ps Problems) {
	over := func(n int) bool { return l.Max > 0 && n > l.Max }
	now := make(map[string]bool, len(ps))
	added := 0
	for _, p := range ps {
		s := p.String()
		now[s] = true
		if l.reported[s] {
			continue
		}
		if added++; over(added) {
			continue
		}
		level := slog.LevelWarn
		if p.Severity == Warning {
			level = slog.LevelInfo
		}
		log.Log(context.Background(), level, "content problem", "problem", s)
	}
	if over(added) {
		log.Warn("more content problems; see /api/v1/problems or run casebook validate", "count", added-l.Max)
	}
	fixed := 0
	for _, s := range slices.Sorted(maps.Keys(l.reported)) {
		if now[s] {
			continue
		}
		if fixed++; !over(fixed) {
			log.Info("content problem fixed", "problem", s)
		}
	}
	if over(fixed) {
		log.Info("more content problems fixed", "count", fixed-l.Max)
	}
	l.reported = now
}
