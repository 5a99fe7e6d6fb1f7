// Case: the loop with the defer is inside a pointer-receiver method whose body updates receiver fields; expected outcome: fixed safely (form A), the deferred call r.Close() uses only a body-local variable, not the receiver.

package main

import "fmt"

type res struct {
	name string
	p    *pool
}

type pool struct {
	open, maxOpen int
	handled       []string
}

func (p *pool) get(name string) *res {
	p.open++
	p.maxOpen = max(p.maxOpen, p.open)
	return &res{name: name, p: p}
}

func (r *res) Close() {
	r.p.open--
	fmt.Println("put", r.name)
}

func (p *pool) handleAll(names []string) {
	for _, name := range names {
		r := p.get(name)
		defer r.Close()
		p.handled = append(p.handled, name)
		fmt.Println("handled", name, "open:", p.open)
	}
	fmt.Println("loop done, open:", p.open)
}

func main() {
	p := &pool{}
	p.handleAll([]string{"a", "b", "c"})
	fmt.Println("handled:", p.handled, "max open:", p.maxOpen, "open:", p.open)
}

// Output before fix:
// handled a open: 1
// handled b open: 2
// handled c open: 3
// loop done, open: 3
// put c
// put b
// put a
// handled: [a b c] max open: 3 open: 0

// Output:
// handled a open: 1
// put a
// handled b open: 1
// put b
// handled c open: 1
// put c
// loop done, open: 0
// handled: [a b c] max open: 1 open: 0
