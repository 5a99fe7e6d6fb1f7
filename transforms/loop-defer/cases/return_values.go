// Case: function returning (int, error) with `return i, nil` inside the loop body and a plain `return 0, err`; expected outcome: fixed safely (form C), the same values are returned.

package main

import (
	"errors"
	"fmt"
	"strings"
)

type res struct{ name string }

var open, maxOpen int

func openRes(name string) (*res, error) {
	if name == "bad" {
		return nil, errors.New("cannot open bad")
	}
	open++
	maxOpen = max(maxOpen, open)
	return &res{name: name}, nil
}

func (r *res) Close() {
	open--
	fmt.Println("close", r.name)
}

func findFirst(names []string, want string) (int, error) {
	for i, name := range names {
		r, err := openRes(name)
		if err != nil {
			return 0, err
		}
		defer r.Close()
		if strings.Contains(r.name, want) {
			fmt.Println("found in", name, "open:", open)
			return i, nil
		}
	}
	return -1, errors.New("not found")
}

func main() {
	n, err := findFirst([]string{"ab", "cd", "xyz", "q"}, "y")
	fmt.Println("result:", n, err)
	n, err = findFirst([]string{"ab", "bad"}, "y")
	fmt.Println("result:", n, err)
	n, err = findFirst([]string{"ab"}, "y")
	fmt.Println("result:", n, err)
	fmt.Println("max open:", maxOpen)
}

// Output before fix:
// found in xyz open: 3
// close xyz
// close cd
// close ab
// result: 2 <nil>
// close ab
// result: 0 cannot open bad
// close ab
// result: -1 not found
// max open: 3

// Output:
// close ab
// close cd
// found in xyz open: 1
// close xyz
// result: 2 <nil>
// close ab
// result: 0 cannot open bad
// close ab
// result: -1 not found
// max open: 1
