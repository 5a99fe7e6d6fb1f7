// Case: `defer lock(&mu)` where `lock` returns its unlock function, without --unsafe-fixes, and a setup whose returned function takes a parameter; expected outcome: the first is reported with an unsafe fix that is not applied, the second reported with no fix.

package main

import (
	"fmt"
	"sync"
)

func lock(mu *sync.Mutex) func() {
	mu.Lock()
	return mu.Unlock
}

func begin(name string) func(err error) {
	fmt.Println("begin", name)
	return func(err error) { fmt.Println("end", name, err) }
}

func work(mu *sync.Mutex) {
	defer lock(mu)
	defer begin("work")
	fmt.Println("working")
}

func main() {
	var mu sync.Mutex
	work(&mu)
}

// Output before fix:
// working
// begin work

// Output:
// working
// begin work
