// Case: loop body with a comment right after `{`, line comments before and after statements, trailing comments and a comment before `}`; expected outcome: fixed safely (form A), every comment kept in place.

package main

import "fmt"

type res struct{ name string }

var open, maxOpen int

func openRes(name string) *res {
	open++
	maxOpen = max(maxOpen, open)
	return &res{name: name}
}

func (r *res) Close() {
	open--
	fmt.Println("close", r.name)
}

func process(names []string) int {
	n := 0
	for _, name := range names { // trailing comment on the for line
		// comment right after the opening brace
		r := openRes(name) // open the resource

		// comment before the defer
		defer r.Close() // closed at the end of the iteration after the fix
		// comment after the defer

		n += len(r.name)                         /* inline block comment */
		fmt.Println("used", name, "open:", open) // trailing comment
		// comment before the closing brace
	} // trailing comment after the closing brace
	return n
}

func main() {
	fmt.Println("n:", process([]string{"ab", "cde"}))
	fmt.Println("max open:", maxOpen)
}

// Output before fix:
// used ab open: 1
// used cde open: 2
// close cde
// close ab
// n: 5
// max open: 2

// Output:
// used ab open: 1
// close ab
// used cde open: 1
// close cde
// n: 5
// max open: 1
