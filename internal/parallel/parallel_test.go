package parallel

import (
	"sync/atomic"
	"testing"
)

func TestForCallsEachIndexOnce(t *testing.T) {
	for _, tc := range []struct {
		name       string
		n, workers int
	}{
		{"none", 0, 4},
		{"one worker", 10, 1},
		{"more workers than work", 3, 8},
		{"default workers", 1000, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			counts := make([]atomic.Int32, tc.n)
			For(tc.n, tc.workers, func(i int) { counts[i].Add(1) })
			for i := range counts {
				if got := counts[i].Load(); got != 1 {
					t.Fatalf("index %d called %d times, want 1", i, got)
				}
			}
		})
	}
}
