// Case: function returning a single error whose loop body only returns err inside `if err != nil {` and fmt.Errorf/errors.New values; expected outcome: fixed safely (form B), errors still propagate unchanged.

package main

import (
	"errors"
	"fmt"
)

type res struct{ name string }

var open, maxOpen int

func openRes(name string) (*res, error) {
	if name == "bad" {
		return nil, errors.New("cannot open bad")
	}
	open++
	maxOpen = max(maxOpen, open)
	fmt.Println("open", name)
	return &res{name: name}, nil
}

func (r *res) Close() {
	open--
	fmt.Println("close", r.name)
}

func process(names []string) error {
	for _, name := range names {
		r, err := openRes(name)
		if err != nil {
			return err
		}
		defer r.Close()
		if len(name) > 3 {
			return fmt.Errorf("name %q too long", name)
		}
		if name == "nop" {
			return errors.New("nop is not allowed")
		}
		fmt.Println("processed", name)
	}
	return nil
}

func main() {
	fmt.Println("err:", process([]string{"a", "bb"}))
	fmt.Println("err:", process([]string{"a", "bad", "c"}))
	fmt.Println("err:", process([]string{"a", "long1", "c"}))
	fmt.Println("max open:", maxOpen, "open:", open)
}

// Output before fix:
// open a
// processed a
// open bb
// processed bb
// close bb
// close a
// err: <nil>
// open a
// processed a
// close a
// err: cannot open bad
// open a
// processed a
// open long1
// close long1
// close a
// err: name "long1" too long
// max open: 2 open: 0

// Output:
// open a
// processed a
// close a
// open bb
// processed bb
// close bb
// err: <nil>
// open a
// processed a
// close a
// err: cannot open bad
// open a
// processed a
// close a
// open long1
// close long1
// err: name "long1" too long
// max open: 1 open: 0
