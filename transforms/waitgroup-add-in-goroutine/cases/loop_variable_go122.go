// go-version: 1.22
// Case: the same loop from Go 1.22 on, where each iteration has its own range variable; expected outcome: safe fix.

package main

import (
	"fmt"
	"runtime"
	"sync"
)

func each(groups []*sync.WaitGroup) {
	for _, wg := range groups {
		go func() {
			wg.Add(1)
			defer wg.Done()
		}()
	}
}

func main() {
	runtime.GOMAXPROCS(1)
	groups := []*sync.WaitGroup{{}, {}}
	each(groups)
	for _, g := range groups {
		g.Wait()
	}
	fmt.Println("waited for both")
}

// Output:
// waited for both
