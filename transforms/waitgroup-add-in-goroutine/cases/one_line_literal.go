// Case: a one-line goroutine, `go func() { wg.Add(1); defer wg.Done(); work() }()`, with a WaitGroup pointer made by `new`; expected outcome: safe fix, the Add moves to its own line before the go statement and the literal stays on one line.

package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

var total atomic.Int64

func work() { total.Add(2) }

func main() {
	runtime.GOMAXPROCS(1)
	wg := new(sync.WaitGroup)
	go func() { wg.Add(1); defer wg.Done(); work() }()
	wg.Wait()
	fmt.Println(total.Load())
}

// Output before fix:
// 0

// Output:
// 2
