// Case: a function that declares a local type named `error` (an alias of a concrete *saveErr pointer), found by an adversarial reviewer: `var err error` is that pointer, and a deferred literal assigns it after return copied it; expected outcome: not a finding (the fix's `(err error)` result would be the predeclared interface, and the nil pointer in it would compare non-nil); the program prints the same before and after.

package main

import "fmt"

type saveErr struct{ msg string }

func (e *saveErr) Error() string { return e.msg }

func validate() *saveErr { return nil }

var log []string

func save() error {
	type error = *saveErr
	var err error
	defer func() {
		log = append(log, "save done")
		err = nil
	}()
	err = validate()
	if err != nil {
		fmt.Println("validate failed")
		return err
	}
	fmt.Println("validated")
	return err
}

func main() {
	fmt.Printf("%T\n", save())
}

// Output before fix:
// validated
// *main.saveErr

// Output:
// validated
// *main.saveErr
