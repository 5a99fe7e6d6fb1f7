// Case: the function that starts the goroutines defers wg.Done() instead of each goroutine calling it; expected outcome: reported (no fix); the program shows that Wait never returns.

package main

import (
	"fmt"
	"sync"
	"time"
)

var results sync.Map

func handle(item string) { results.Store(item, len(item)) }

func process(wg *sync.WaitGroup, items []string) {
	defer wg.Done()
	for _, item := range items {
		wg.Add(1)
		go handle(item)
	}
}

func main() {
	var wg sync.WaitGroup
	process(&wg, []string{"a", "bb", "ccc"})
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		fmt.Println("all done")
	case <-time.After(200 * time.Millisecond):
		fmt.Println("Wait still blocked after 200ms")
	}
}

// Output before fix:
// Wait still blocked after 200ms

// Output:
// Wait still blocked after 200ms
