// Case: r passed to local closure remember(r) that assigns outer var last; closed per iteration (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

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
	var last *res
	remember := func(x *res) { last = x }
	for i := 0; i < n; i++ {
		r := open(i)
		defer r.Close()
		remember(r)
		fmt.Println("opened", i)
	}
	fmt.Println("last", last.id, last.closed)
}

func main() {
	run(2)
}

// Output before fix:
// opened 0
// opened 1
// last 1 false
// close 1
// close 0

// Output:
// opened 0
// opened 1
// last 1 false
// close 1
// close 0
