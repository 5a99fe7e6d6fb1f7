// Case: the assigned variable is a parameter, an enclosing function's variable (in a function literal), declared in an inner block, or the function has a goto; expected outcome: each reported, none fixed.

package main

import (
	"errors"
	"fmt"
)

func fail() error { return errors.New("late") }

func param(err error) error {
	defer func() { err = fail() }()
	return err
}

func inner(ok bool) error {
	if ok {
		var err error
		defer func() { err = fail() }()
		return err
	}
	return nil
}

func withGoto(n int) error {
	var err error
	defer func() { err = fail() }()
again:
	n--
	if n > 0 {
		goto again
	}
	return err
}

func main() {
	var err error
	literal := func() error {
		defer func() { err = fail() }()
		return err
	}
	fmt.Println(param(nil), inner(true), withGoto(2), literal(), err)
}

// Output before fix:
// <nil> <nil> <nil> <nil> late

// Output:
// <nil> <nil> <nil> <nil> late
