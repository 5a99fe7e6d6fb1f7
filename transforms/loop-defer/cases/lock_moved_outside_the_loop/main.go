// Case: loops whose deferred Unlock names a lock that code outside the loop body moves to another lock each iteration, so that all of them are held until return (hand over hand), found by an adversarial reviewer: a package-level pointer advanced by a function, a local pointer advanced by a closure declared before the loop, a pointer advanced through its address, a lock promoted through an embedded pointer (types in another file), a field whose type is an alias of a pointer, and a field of interface type; expected outcome: none gets a safe fix (each is unsafe: the lock is not proven the same in every iteration), nothing is applied, and the program prints the same before and after: every lock still held after its loop.

package main

import (
	"fmt"
	"sync"
)

var cursor *node

func advance() { cursor = cursor.next }

func heldAll(locks []*node) string {
	var held []bool
	for _, n := range locks {
		ok := n.TryLock()
		if ok {
			n.Unlock()
		}
		held = append(held, !ok)
	}
	return fmt.Sprint(held)
}

func newChain() []*node {
	c := &node{}
	b := &node{next: c}
	a := &node{next: b}
	return []*node{a, b, c}
}

func global(nodes []*node) string {
	cursor = nodes[0]
	for i := 0; i < 3; i++ {
		cursor.Lock()
		defer cursor.Unlock()
		advance()
	}
	return heldAll(nodes)
}

func closure(nodes []*node) string {
	var p *node = nodes[0]
	step := func() { p = p.next }
	for i := 0; i < 3; i++ {
		p.Lock()
		defer p.Unlock()
		step()
	}
	return heldAll(nodes)
}

func moveThrough(pp **node) { *pp = (*pp).next }

func address(nodes []*node) string {
	p := nodes[0]
	for i := 0; i < 3; i++ {
		p.Lock()
		defer p.Unlock()
		moveThrough(&p)
	}
	return heldAll(nodes)
}

func embedded(nodes []*node) string {
	c := chain{nodes[0]}
	for i := 0; i < 3; i++ {
		c.Lock()
		defer c.Unlock()
		c.step()
	}
	return heldAll(nodes)
}

func heldMutexes(all []*sync.Mutex) string {
	var held []bool
	for _, m := range all {
		ok := m.TryLock()
		if ok {
			m.Unlock()
		}
		held = append(held, !ok)
	}
	return fmt.Sprint(held)
}

func aliased() string {
	all := []*sync.Mutex{{}, {}, {}}
	r := rotor{mu: all[0], all: all}
	for i := 0; i < 3; i++ {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.rotate()
	}
	return heldMutexes(all)
}

func locker() string {
	all := []*sync.Mutex{{}, {}, {}}
	g := gate{l: all[0], all: []sync.Locker{all[0], all[1], all[2]}}
	for i := 0; i < 3; i++ {
		g.l.Lock()
		defer g.l.Unlock()
		g.rotate()
	}
	return heldMutexes(all)
}

func main() {
	fmt.Println(global(newChain()))
	fmt.Println(closure(newChain()))
	fmt.Println(address(newChain()))
	fmt.Println(embedded(newChain()))
	fmt.Println(aliased())
	fmt.Println(locker())
}

// Output before fix:
// [true true true]
// [true true true]
// [true true true]
// [true true true]
// [true true true]
// [true true true]

// Output:
// [true true true]
// [true true true]
// [true true true]
// [true true true]
// [true true true]
// [true true true]
