// Case: method value r.Report passed to later() which keeps it; runs after r closed (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import "fmt"

type res struct {
	id     int
	closed bool
}

func (r *res) Close()  { r.closed = true; fmt.Println("close", r.id) }
func (r *res) Report() { fmt.Println("report", r.id, r.closed) }

func open(i int) *res { return &res{id: i} }

var hooks []func()

func later(f func()) { hooks = append(hooks, f) }

func run(n int) {
	for i := 0; i < n; i++ {
		r := open(i)
		defer r.Close()
		later(r.Report)
		fmt.Println("opened", i)
	}
	for _, f := range hooks {
		f()
	}
}

func main() {
	run(2)
}

// Output before fix:
// opened 0
// opened 1
// report 0 false
// report 1 false
// close 1
// close 0

// Output:
// opened 0
// opened 1
// report 0 false
// report 1 false
// close 1
// close 0
