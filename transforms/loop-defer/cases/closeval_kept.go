// Case: r.Close func value handed to m.cleanup (kept); per-iteration close changes order of closes (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import "fmt"

type res struct {
	id     int
	closed bool
}

func (r *res) Close() { r.closed = true; fmt.Println("close", r.id) }

func open(i int) *res { return &res{id: i} }

type mgr struct{ fns []func() }

func (m *mgr) cleanup(f func()) { m.fns = append(m.fns, f) }

func run(m *mgr, n int) {
	for i := 0; i < n; i++ {
		r := open(i)
		defer r.Close()
		m.cleanup(r.Close)
		fmt.Println("opened", i)
	}
	fmt.Println("running cleanups:", len(m.fns))
	for _, f := range m.fns {
		f()
	}
}

func main() {
	run(&mgr{}, 2)
}

// Output before fix:
// opened 0
// opened 1
// running cleanups: 2
// close 0
// close 1
// close 1
// close 0

// Output:
// opened 0
// opened 1
// running cleanups: 2
// close 0
// close 1
// close 1
// close 0
