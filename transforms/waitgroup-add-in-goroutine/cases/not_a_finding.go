// Case: an Add that is not the goroutine's first statement, an atomic counter's Add (no WaitGroup: no declaration says so and nothing calls Done), the Add already before the go statement, and a goroutine running a named function; expected outcome: no findings.

package main

import (
	"sync"
	"sync/atomic"
)

func worker(wg *sync.WaitGroup) { defer wg.Done() }

func main() {
	var wg sync.WaitGroup
	var started atomic.Int64
	go func() {
		started.Add(1)
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		started.Add(1)
	}()
	wg.Add(1)
	go worker(&wg)
	wg.Wait()
}
