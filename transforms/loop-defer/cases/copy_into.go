// Case: copy(all[i:], []*res{r}) stores r in outer slice; closed per iteration (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import "fmt"

type res struct {
	id     int
	closed bool
}

func (r *res) Close() { r.closed = true; fmt.Println("close", r.id) }

func open(i int) *res { return &res{id: i} }

func run(n int) {
	all := make([]*res, n)
	for i := 0; i < n; i++ {
		r := open(i)
		defer r.Close()
		copy(all[i:], []*res{r})
		fmt.Println("opened", i)
	}
	for _, r := range all {
		fmt.Println("use", r.id, r.closed)
	}
}

func main() {
	run(2)
}

// Output before fix:
// opened 0
// opened 1
// use 0 false
// use 1 false
// close 1
// close 0

// Output:
// opened 0
// opened 1
// use 0 false
// use 1 false
// close 1
// close 0
