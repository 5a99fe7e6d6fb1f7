// Case: overwrites by a Close whose declaration is in another file of the package, found by an adversarial reviewer: on an *other (made here) whose Close in other.go returns a struct status (this file's only Close, on *res, returns error), and on a value from a call the rule cannot type, where the package's only Close returns a concrete *closeErr; expected outcome: both unsafe (the call's result is not error: `cerr != nil` would not compile for the struct, and a typed nil used to make err non-nil), not applied; the program prints the same before and after.

package main

import (
	"errors"
	"fmt"
)

type res struct{}

func (r *res) Close() error { return nil }

func useOther() (err error) {
	o := &other{}
	defer func() { err = o.Close() }()
	return errors.New("use failed")
}

func useOpened() (err error) {
	h := open()
	defer func() { err = h.Close() }()
	return nil
}

func main() {
	fmt.Printf("%q\n", useOther())
	fmt.Println(useOpened() == nil)
}

// Output before fix:
// ""
// false

// Output:
// ""
// false
