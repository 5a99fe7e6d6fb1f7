// Case: goroutines joined with a WaitGroup capture the range key and value; the element type step is declared further down the file; expected outcome: fixed safely by passing i int and s step.

package main

import (
	"fmt"
	"sync"
)

func runAll(steps []step) []string {
	results := make([]string, len(steps))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, s := range steps {
		wg.Add(1)
		// Each worker waits until every worker has been started.
		go func() {
			defer wg.Done()
			<-start
			results[i] = fmt.Sprintf("%d:%s", i, s.name)
		}()
	}
	close(start)
	wg.Wait()
	return results
}

func main() {
	fmt.Printf("%q\n", runAll([]step{{"fetch"}, {"build"}, {"test"}}))
}

type step struct {
	name string
}

// Output before fix:
// ["" "" "2:test"]

// Output:
// ["0:fetch" "1:build" "2:test"]
