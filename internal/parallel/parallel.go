// Package parallel runs independent pieces of work on several goroutines.
// It imports none of Casebook's packages, so any package may use it.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls fn(0) .. fn(n-1), each exactly once, on at most workers
// goroutines (GOMAXPROCS when workers is 0 or less), and returns when all
// calls have returned. Work is handed out one index at a time, so uneven
// pieces still keep every worker busy.
func For(n, workers int, fn func(i int)) {
	if n <= 0 {
		return
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	if workers == 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}
