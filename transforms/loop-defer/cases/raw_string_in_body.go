// Case: loop body holding a multi-line raw string (with tabs, spaces, braces and the word continue), a multi-line /* */ comment and line comments; expected outcome: fixed safely (form A), the raw string bytes are unchanged by re-indentation.

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

func render(names []string) {
	for _, name := range names {
		r := openRes(name) // trailing comment
		defer r.Close()
		/* a block comment
		   spanning lines { continue }
		*/
		tmpl := `header {
	tab-indented line
no indent
    four spaces
		two tabs
}
	continue` // raw string ends here
		if name == "skip" {
			// line comment before continue
			continue
		}
		fmt.Printf("%s: %q\n", r.name, tmpl)
	}
	fmt.Println("open after loop:", open)
}

func main() {
	render([]string{"a", "skip", "b"})
	fmt.Println("max open:", maxOpen)
}

// Output before fix:
// a: "header {\n\ttab-indented line\nno indent\n    four spaces\n\t\ttwo tabs\n}\n\tcontinue"
// b: "header {\n\ttab-indented line\nno indent\n    four spaces\n\t\ttwo tabs\n}\n\tcontinue"
// open after loop: 3
// close b
// close skip
// close a
// max open: 3

// Output:
// a: "header {\n\ttab-indented line\nno indent\n    four spaces\n\t\ttwo tabs\n}\n\tcontinue"
// close a
// close skip
// b: "header {\n\ttab-indented line\nno indent\n    four spaces\n\t\ttwo tabs\n}\n\tcontinue"
// close b
// open after loop: 0
// max open: 1
