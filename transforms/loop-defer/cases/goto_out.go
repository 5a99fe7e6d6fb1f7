// Case: `goto` from inside the loop body to a label after the loop; expected outcome: report only, no fix (a goto cannot leave a func literal).

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

func find(names []string, want string) int {
	idx := -1
	for i, name := range names {
		r := openRes(name)
		defer r.Close()
		if name == want {
			idx = i
			goto found
		}
		fmt.Println("checked", name)
	}
	fmt.Println("not found, open:", open)
	return -1
found:
	fmt.Println("found at", idx, "open:", open)
	return idx
}

func main() {
	fmt.Println("result:", find([]string{"a", "b", "c"}, "b"))
	fmt.Println("result:", find([]string{"x"}, "b"))
	fmt.Println("max open:", maxOpen)
}

// Output before fix:
// checked a
// found at 1 open: 2
// close b
// close a
// result: 1
// checked x
// not found, open: 1
// close x
// result: -1
// max open: 2

// Output:
// checked a
// found at 1 open: 2
// close b
// close a
// result: 1
// checked x
// not found, open: 1
// close x
// result: -1
// max open: 2
