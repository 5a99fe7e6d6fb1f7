// Case: a loop starts goroutines whose first statement is `wg.Add(1)`, on a local sync.WaitGroup; expected outcome: safe fix, the Add moves before the go statement, one per iteration; the program (on one processor, where a new goroutine runs only once main blocks) shows Wait returning before any goroutine was counted, and after the fix all of them.

package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

func main() {
	runtime.GOMAXPROCS(1)
	var wg sync.WaitGroup
	var finished atomic.Int32
	for i := 0; i < 3; i++ {
		go func() {
			wg.Add(1)
			defer wg.Done()
			finished.Add(1)
		}()
	}
	wg.Wait()
	fmt.Println("finished when Wait returned:", finished.Load())
}

// Output before fix:
// finished when Wait returned: 0

// Output:
// finished when Wait returned: 3
