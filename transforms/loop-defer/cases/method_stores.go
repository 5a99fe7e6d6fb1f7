// Case: resource passed to p.track(r) which stores it; closed per iteration then used after loop (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import "fmt"

type res struct {
	id     int
	closed bool
}

func (r *res) Close() { r.closed = true; fmt.Println("close", r.id) }

type pool struct{ items []*res }

func (p *pool) track(r *res) { p.items = append(p.items, r) }

func open(i int) *res { return &res{id: i} }

func run(p *pool, n int) {
	for i := 0; i < n; i++ {
		r := open(i)
		defer r.Close()
		p.track(r)
		fmt.Println("opened", i)
	}
	for _, r := range p.items {
		fmt.Println("use", r.id, r.closed)
	}
}

func main() {
	run(&pool{}, 2)
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
