// Case: the read-lock forms on a sync.RWMutex the file declares: `RLock(); defer RLock()` (two read locks, neither released) and `RLock(); defer Unlock()` (a fatal error at return) and `RLock(); defer Lock()` (a deadlock) on a field, `Lock(); defer RUnlock()` on a local variable; expected outcome: safe fixes, `defer RUnlock()` after RLock and `defer Unlock()` after Lock; the program runs each and shows every lock released (before the fix the Unlock form kills the program, so only the fixed output is checked).

package main

import (
	"fmt"
	"sync"
)

type table struct {
	mu   sync.RWMutex
	rows []string
}

func (t *table) count() int {
	t.mu.RLock()
	defer t.mu.RLock()
	return len(t.rows)
}

func (t *table) first() string {
	t.mu.RLock()
	// The caller only reads.
	defer t.mu.Unlock()
	return t.rows[0]
}

func (t *table) last() string {
	t.mu.RLock()
	defer t.mu.Lock()
	return t.rows[len(t.rows)-1]
}

func exclusive(n *int) int {
	var mu sync.RWMutex
	mu.Lock()
	defer mu.RUnlock()
	*n++
	return *n
}

func main() {
	t := &table{rows: []string{"x", "y"}}
	fmt.Println(t.count(), t.first(), t.last())
	n := 0
	fmt.Println(exclusive(&n))
	if t.mu.TryLock() {
		fmt.Println("the table is free")
	} else {
		fmt.Println("the table is still read-locked")
	}
}

// Output:
// 2 x y
// 1
// the table is free
