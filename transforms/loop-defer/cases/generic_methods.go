// Case: Go 1.27 generic methods: a loop with a defer inside one, a multi-line type parameter list with a comment in it, and a function right after them whose loop defers too; expected outcome: fixed safely inside the generic method and next to them, the type parameter lists kept byte for byte.
// go-version: 1.27

package main

import "fmt"

type res struct{ name string }

var open int

func acquire(name string) *res {
	open++
	return &res{name: name}
}

func (r *res) Close() {
	open--
	fmt.Println("close", r.name)
}

type Pool struct{ names []string }

// Map opens each name's resource while f maps the name.
func (p *Pool) Map[T any](f func(string) T) []T {
	var out []T
	for _, n := range p.names {
		r := acquire(n)
		defer r.Close()
		fmt.Println("map", r.name, "open:", open)
		out = append(out, f(n))
	}
	return out
}

func (p *Pool) Each[
	F ~func(string), // called with each name
](f F) {
	for _, n := range p.names {
		f(n)
	}
}

func visit(p *Pool) {
	for _, n := range p.names {
		r := acquire(n)
		defer r.Close()
		fmt.Println("visit", r.name, "open:", open)
	}
}

func main() {
	p := &Pool{names: []string{"a", "bb"}}
	fmt.Println(p.Map(func(s string) int { return len(s) }))
	p.Each(func(s string) { fmt.Println("each", s) })
	visit(p)
	fmt.Println("open:", open)
}

// Output before fix:
// map a open: 1
// map bb open: 2
// close bb
// close a
// [1 2]
// each a
// each bb
// visit a open: 1
// visit bb open: 2
// close bb
// close a
// open: 0

// Output:
// map a open: 1
// close a
// map bb open: 1
// close bb
// [1 2]
// each a
// each bb
// visit a open: 1
// close a
// visit bb open: 1
// close bb
// open: 0
