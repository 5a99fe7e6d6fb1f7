// Case: range-index variant of c01, e := &entries[i]; e.r = r (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import "fmt"

type res struct {
	id     int
	closed bool
}

func (r *res) Close() { r.closed = true; fmt.Println("close", r.id) }

func open(i int) *res { return &res{id: i} }

type entry struct {
	name string
	r    *res
}

func run(entries []entry) {
	for i := range entries {
		r := open(i)
		defer r.Close()
		e := &entries[i]
		e.r = r
		fmt.Println("opened", i)
	}
	for _, e := range entries {
		fmt.Println("use", e.name, e.r.closed)
	}
}

func main() {
	run([]entry{{name: "a"}, {name: "b"}})
}

// Output before fix:
// opened 0
// opened 1
// use a false
// use b false
// close 1
// close 0

// Output:
// opened 0
// opened 1
// use a false
// use b false
// close 1
// close 0
