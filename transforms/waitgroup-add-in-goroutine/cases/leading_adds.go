// vet: -waitgroup=false
// Case: a goroutine opening with two Adds (go vet's own test shape: the second is `ok` only while the first is there), and one whose second Add reads the literal's parameter; expected outcome: the first two move together (else the second would be the first statement, moved by a second run), in the other goroutine only the first moves and the second is reported with no fix.

package main

import (
	"fmt"
	"runtime"
	"sync"
)

func twice() int {
	var wg sync.WaitGroup
	done := 0
	var mu sync.Mutex
	go func() {
		wg.Add(1)
		// ...
		wg.Add(1)
		defer wg.Done()
		defer wg.Done()
		mu.Lock()
		done++
		mu.Unlock()
	}()
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	return done
}

func counted(n int) {
	var wg sync.WaitGroup
	go func(k int) {
		wg.Add(1)
		wg.Add(k)
		defer wg.Add(-k - 1)
	}(n)
	wg.Wait()
}

func main() {
	runtime.GOMAXPROCS(1)
	fmt.Println(twice())
	counted(0)
}

// Output before fix:
// 0

// Output:
// 1
