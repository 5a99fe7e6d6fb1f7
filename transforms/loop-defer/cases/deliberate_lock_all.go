// Case: lock every mutex of a slice with `defer m.Unlock()` as the last statement of the loop body, deliberately holding all locks until return; expected outcome: not a finding, never rewritten.

package main

import (
	"fmt"
	"sync"
)

func withAll(mus []*sync.Mutex, f func()) {
	for _, m := range mus {
		m.Lock()
		defer m.Unlock()
	}
	f()
}

func held(mus []*sync.Mutex) int {
	n := 0
	for _, m := range mus {
		if m.TryLock() {
			m.Unlock()
		} else {
			n++
		}
	}
	return n
}

func main() {
	mus := []*sync.Mutex{new(sync.Mutex), new(sync.Mutex), new(sync.Mutex)}
	withAll(mus, func() {
		fmt.Println("held inside:", held(mus))
	})
	fmt.Println("held after:", held(mus))
}

// Output before fix:
// held inside: 3
// held after: 0

// Output:
// held inside: 3
// held after: 0
