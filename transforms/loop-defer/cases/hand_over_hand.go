// Case: lock-path loops: n.mu with three-clause loop var n, and m := &cur.mu; locks released per iteration (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import (
	"fmt"
	"sync"
)

type node struct {
	mu   sync.Mutex
	name string
	next *node
}

func lockPath(root *node) []string {
	var names []string
	for n := root; n != nil; n = n.next {
		n.mu.Lock()
		defer n.mu.Unlock()
		names = append(names, n.name)
	}
	for n := root; n != nil; n = n.next {
		if n.mu.TryLock() {
			fmt.Println(n.name, "not held")
			n.mu.Unlock()
		}
	}
	return names
}

func lockPath2(root *node) int {
	c := 0
	for cur := root; cur != nil; {
		m := &cur.mu
		m.Lock()
		defer m.Unlock()
		c++
		cur = cur.next
	}
	for n := root; n != nil; n = n.next {
		if n.mu.TryLock() {
			fmt.Println(n.name, "not held (2)")
			n.mu.Unlock()
		}
	}
	return c
}

func main() {
	c := &node{name: "c"}
	b := &node{name: "b", next: c}
	a := &node{name: "a", next: b}
	fmt.Println(lockPath(a))
	fmt.Println(lockPath2(a))
}

// Output before fix:
// [a b c]
// 3

// Output:
// [a b c]
// 3
