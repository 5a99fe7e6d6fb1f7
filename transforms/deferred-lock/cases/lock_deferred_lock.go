// Case: `c.mu.Lock(); defer c.mu.Lock()` on a sync.Mutex field of a struct the file declares; expected outcome: safe fix, `defer c.mu.Unlock()`; the program shows get blocking forever before the fix and returning after it.

package main

import (
	"fmt"
	"sync"
	"time"
)

type cache struct {
	mu    sync.Mutex
	items map[string]int
}

func (c *cache) get(k string) int {
	c.mu.Lock()
	defer c.mu.Lock()
	return c.items[k]
}

func main() {
	c := &cache{items: map[string]int{"a": 1}}
	got := make(chan int)
	go func() { got <- c.get("a") }()
	select {
	case v := <-got:
		fmt.Println("get returned", v)
	case <-time.After(time.Second):
		fmt.Println("get still blocked after a second")
	}
	if c.mu.TryLock() {
		fmt.Println("the mutex is free")
	} else {
		fmt.Println("the mutex is held")
	}
}

// Output before fix:
// get still blocked after a second
// the mutex is held

// Output:
// get returned 1
// the mutex is free
