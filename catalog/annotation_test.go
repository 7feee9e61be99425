package catalog

import "testing"

func TestGitHubAnnotation(t *testing.T) {
	tests := []struct {
		name string
		p    Problem
		want string
	}{
		{"error with a line", Problem{File: "cases/x.md", Line: 3, Severity: Error, Message: "title is required"}, "::error file=cases/x.md,line=3::title is required"},
		{"warning without a line", Problem{File: "factors/y.md", Severity: Warning, Message: "no case lists it"}, "::warning file=factors/y.md::no case lists it"},
		{"escapes", Problem{File: "cases/a,b:c.md", Line: 1, Severity: Error, Message: "100% bad\nline"}, "::error file=cases/a%2Cb%3Ac.md,line=1::100%25 bad%0Aline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.GitHubAnnotation(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
