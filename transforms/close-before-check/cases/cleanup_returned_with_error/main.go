// Case: a cleanup function returned alongside an error is deferred before the error is checked (containerd's nil cleanup panicked): prepare, declared in another file, returns a nil cleanup on every failing return; mount, declared here, returns a cleanup together with its error; a method's result cannot be seen; a local function value named prepare shadows the package's; expected outcome: a safe fix for prepare's (the failing run no longer panics), unsafe fixes for the other three (not applied: a cleanup that runs on the failing path today would no longer run).

package main

import (
	"errors"
	"fmt"
)

func mount(fail bool) (func(), error) {
	undo := func() { fmt.Println("undo partial mount") }
	if fail {
		return undo, errors.New("mount failed")
	}
	return undo, nil
}

type store struct{}

func (store) open() (func(), error) { return func() { fmt.Println("store closed") }, nil }

func run(fail bool) error {
	opts, cleanup, err := prepare(fail)
	defer cleanup()
	if err != nil {
		return err
	}
	fmt.Println("running with", opts)
	return nil
}

func attach(fail bool) error {
	undo, err := mount(fail)
	defer undo()
	if err != nil {
		return err
	}
	fmt.Println("attached")
	return nil
}

func use(s store) error {
	release, err := s.open()
	defer release()
	if err != nil {
		return err
	}
	fmt.Println("using the store")
	return nil
}

func shadowed(fail bool) error {
	prepare := func(bool) (string, func(), error) {
		return "", func() { fmt.Println("undo local prepare") }, errors.New("local prepare failed")
	}
	opts, cleanup, err := prepare(fail)
	defer cleanup()
	if err != nil {
		return err
	}
	fmt.Println("running with", opts)
	return nil
}

func try(f func() error) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("panic:", r)
		}
	}()
	fmt.Println("error:", f())
}

func main() {
	try(func() error { return run(false) })
	try(func() error { return run(true) })
	try(func() error { return attach(true) })
	try(func() error { return use(store{}) })
	try(func() error { return shadowed(true) })
}

// Output before fix:
// running with fast
// cleaned up
// error: <nil>
// panic: runtime error: invalid memory address or nil pointer dereference
// undo partial mount
// error: mount failed
// using the store
// store closed
// error: <nil>
// undo local prepare
// error: local prepare failed

// Output:
// running with fast
// cleaned up
// error: <nil>
// error: no options
// undo partial mount
// error: mount failed
// using the store
// store closed
// error: <nil>
// undo local prepare
// error: local prepare failed
