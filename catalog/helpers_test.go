package catalog

import (
	"strings"
	"testing"
)

// parseError parses data as the case file at path and returns its error
// whose message contains wantMsg. Where wantMsg is "" the case must parse
// without errors and parseError returns nil; otherwise no case may be
// returned and the error must be there.
func parseError(t *testing.T, path, data, wantMsg string) *Problem {
	t.Helper()
	c, problems := ParseCase(path, []byte(data))
	errs := problems.Errors()
	if wantMsg == "" {
		if len(errs) > 0 || c == nil {
			t.Fatalf("want no errors, got %v", errs)
		}
		return nil
	}
	if c != nil {
		t.Errorf("case returned despite errors")
	}
	for i := range errs {
		if strings.Contains(errs[i].Message, wantMsg) {
			return &errs[i]
		}
	}
	t.Fatalf("want error containing %q, got %v", wantMsg, errs)
	return nil
}
