// Case: unlabelled break out of the loop after the defer; expected outcome: fixed safely (form C), the loop still stops at "stop" and code after the loop still runs.

package main

import "fmt"

type res struct{ name string }

var held, maxHeld int

func acquire(name string) *res {
	held++
	maxHeld = max(maxHeld, held)
	fmt.Println("acquire", name)
	return &res{name: name}
}

func (r *res) Release() {
	held--
	fmt.Println("release", r.name)
}

func scan(items []string) int {
	seen := 0
	for _, it := range items {
		r := acquire(it)
		defer r.Release()
		if it == "stop" {
			fmt.Println("stop found")
			break
		}
		seen++
	}
	fmt.Println("after loop, held:", held)
	return seen
}

func main() {
	fmt.Println("seen:", scan([]string{"a", "b", "stop", "c"}))
	fmt.Println("seen:", scan([]string{"x"}))
	fmt.Println("max held:", maxHeld)
}

// Output before fix:
// acquire a
// acquire b
// acquire stop
// stop found
// after loop, held: 3
// release stop
// release b
// release a
// seen: 2
// acquire x
// after loop, held: 1
// release x
// seen: 1
// max held: 3

// Output:
// acquire a
// release a
// acquire b
// release b
// acquire stop
// stop found
// release stop
// after loop, held: 0
// seen: 2
// acquire x
// release x
// after loop, held: 0
// seen: 1
// max held: 1
