// Case: defers inside `func() { ... }()` and inside `go func() { ... }()` within loops belong to the literal, not the loop; expected outcome: not a finding, nothing rewritten.

package main

import (
	"fmt"
	"sync"
)

type res struct{ name string }

var open, maxOpen int

func openRes(name string) *res {
	open++
	maxOpen = max(maxOpen, open)
	return &res{name: name}
}

func (r *res) Close() {
	open--
	fmt.Println("close", r.name)
}

func main() {
	for _, name := range []string{"a", "b", "c"} {
		func() {
			r := openRes(name)
			defer r.Close()
			fmt.Println("use", r.name)
		}()
	}
	fmt.Println("max open:", maxOpen)

	var wg sync.WaitGroup
	results := make([]string, 3)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = fmt.Sprint("job", i, " done")
		}(i)
	}
	wg.Wait()
	fmt.Println(results)
}

// Output before fix:
// use a
// close a
// use b
// close b
// use c
// close c
// max open: 1
// [job0 done job1 done job2 done]

// Output:
// use a
// close a
// use b
// close b
// use c
// close c
// max open: 1
// [job0 done job1 done job2 done]
