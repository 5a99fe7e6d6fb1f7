// go-version: 1.21
// Case: `go func() { // worker` after `wg.Add(1) // ...`, their comments aligned, in a go1.21 loop; expected outcome: fixed safely, `func(v int)` lengthens the line and the two comments are re-aligned.

package main

import (
	"fmt"
	"sort"
	"sync"
)

func fan(items []int) []int {
	var (
		wg  sync.WaitGroup // waits
		mu  sync.Mutex     // guards seen
		out []int          // seen
	)
	for _, v := range items {
		wg.Add(1)   // one more
		go func() { // worker
			defer wg.Done()
			mu.Lock()
			out = append(out, v)
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Ints(out)
	return out
}

func main() {
	fmt.Println(fan([]int{1, 2, 3}))
}

// Output:
// [1 2 3]
