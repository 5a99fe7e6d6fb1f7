// flags: --unsafe-fixes
// Case: with --unsafe-fixes, a mutex whose type the file does not declare as a sync type (an embedded sync.Mutex, promoted) gets the fix too; expected outcome: unsafe fix, applied; the program shows inc returning and the lock released.

package main

import (
	"fmt"
	"sync"
)

type guarded struct {
	sync.Mutex
	n int
}

func (g *guarded) inc() int {
	g.Lock()
	defer g.Lock()
	g.n++
	return g.n
}

func main() {
	g := &guarded{}
	done := make(chan int)
	go func() { done <- g.inc() }()
	fmt.Println(<-done, g.TryLock())
}

// Output:
// 1 true
