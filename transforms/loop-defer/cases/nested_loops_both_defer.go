// Case: an outer loop and its inner loop each with their own defer (each defer's nearest loop is its own); expected outcome: both fixed safely (form A), inner closure nested in the outer one.

package main

import "fmt"

type res struct{ name string }

var open, maxOpen int

func openRes(name string) *res {
	open++
	maxOpen = max(maxOpen, open)
	fmt.Println("open", name)
	return &res{name: name}
}

func (r *res) Close() {
	open--
	fmt.Println("close", r.name)
}

func walk(groups map[string][]string, order []string) {
	for _, g := range order {
		dir := openRes(g)
		defer dir.Close()
		for _, f := range groups[g] {
			file := openRes(g + "/" + f)
			defer file.Close()
			fmt.Println("read", file.name, "open:", open)
		}
		fmt.Println("done", dir.name)
	}
	fmt.Println("walk done, open:", open)
}

func main() {
	walk(map[string][]string{"d1": {"x", "y"}, "d2": {"z"}}, []string{"d1", "d2"})
	fmt.Println("max open:", maxOpen)
}

// Output before fix:
// open d1
// open d1/x
// read d1/x open: 2
// open d1/y
// read d1/y open: 3
// done d1
// open d2
// open d2/z
// read d2/z open: 5
// done d2
// walk done, open: 5
// close d2/z
// close d2
// close d1/y
// close d1/x
// close d1
// max open: 5

// Output:
// open d1
// open d1/x
// read d1/x open: 2
// close d1/x
// open d1/y
// read d1/y open: 2
// close d1/y
// done d1
// close d1
// open d2
// open d2/z
// read d2/z open: 2
// close d2/z
// done d2
// close d2
// walk done, open: 0
// max open: 2
