// Case: closure capturing r passed to registrar onExit(func(){...r...}) kept after loop; r closed per iteration (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import "fmt"

type res struct {
	id     int
	closed bool
}

func (r *res) Close() { r.closed = true; fmt.Println("close", r.id) }

func open(i int) *res { return &res{id: i} }

var hooks []func()

func onExit(f func()) { hooks = append(hooks, f) }

func run(n int) {
	for i := 0; i < n; i++ {
		r := open(i)
		defer r.Close()
		onExit(func() { fmt.Println("hook", r.id, r.closed) })
		fmt.Println("opened", i)
	}
	for _, h := range hooks {
		h()
	}
}

func main() {
	run(2)
}

// Output before fix:
// opened 0
// opened 1
// hook 0 false
// hook 1 false
// close 1
// close 0

// Output:
// opened 0
// opened 1
// hook 0 false
// hook 1 false
// close 1
// close 0
