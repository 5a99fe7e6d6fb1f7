// Case: goroutines capture the key and value of a range over a map parameter, collecting under a mutex and sorting; expected outcome: fixed safely by passing k string and v int.

package main

import (
	"fmt"
	"sort"
	"sync"
)

func describe(m map[string]int) []string {
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		out []string
	)
	start := make(chan struct{})
	for k, v := range m {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			mu.Lock()
			defer mu.Unlock()
			out = append(out, fmt.Sprintf("%s=%d", k, v))
		}()
	}
	close(start)
	wg.Wait()
	sort.Strings(out)
	return out
}

func main() {
	out := describe(map[string]int{"a": 1, "b": 2, "c": 3})
	distinct := map[string]bool{}
	for _, o := range out {
		distinct[o] = true
	}
	fmt.Println("results:", len(out), "distinct:", len(distinct))
}

// Output before fix:
// results: 3 distinct: 1

// Output:
// results: 3 distinct: 3
