// Case: defer inside a Go 1.22 `for i := range 3` loop with a continue; expected outcome: fixed safely (form A), the harness must use go 1.23 in go.mod for this file.
// go-version: 1.23

package main

import "fmt"

type res struct{ id int }

var open, maxOpen int

func openRes(id int) *res {
	open++
	maxOpen = max(maxOpen, open)
	fmt.Println("open", id)
	return &res{id: id}
}

func (r *res) Close() {
	open--
	fmt.Println("close", r.id)
}

func main() {
	sum := 0
	for i := range 3 {
		r := openRes(i)
		defer r.Close()
		if i == 1 {
			continue
		}
		sum += r.id
	}
	fmt.Println("sum:", sum, "open:", open, "max open:", maxOpen)
}

// Output before fix:
// open 0
// open 1
// open 2
// sum: 2 open: 3 max open: 3
// close 2
// close 1
// close 0

// Output:
// open 0
// close 0
// open 1
// close 1
// open 2
// close 2
// sum: 2 open: 0 max open: 1
