// Case: the unsafe fixes of unsafe_not_applied applied with --unsafe-fixes: the call's result type is not visible (os.Remove, a function of another package), a deferred literal registered earlier reads err after this one ran, err's address is taken by a deferred call, another deferred literal recovers panics, a Close of the file returns a concrete error pointer (whose nil made err non-nil), a goto takes the function back over the defer so that a literal registered after it in the source also runs after it, a deferred literal registered after it (so running before it) makes a closure that runs after it and reads err; expected outcome: applied; the output shows what each changes beyond the returned error: the earlier literal now removes the file, the pointer holder sees the earlier error, and after the recovered panic the function returns the error err held.

// flags: --unsafe-fixes

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

type tx struct{ fail bool }

func (t *tx) Rollback() error {
	if t.fail {
		return errors.New("rollback failed")
	}
	return nil
}

func cleanup(dir string) (err error) {
	defer func() { err = os.Remove(filepath.Join(dir, "none")) }()
	return nil
}

func removeOnError(t *tx, p string) (err error) {
	defer func() {
		if err != nil {
			fmt.Println("removing", p)
		}
	}()
	defer func() { err = t.Rollback() }()
	return errors.New("write failed")
}

func report(err *error) {
	fmt.Println("reported:", *err)
}

func reported(t *tx) (err error) {
	defer report(&err)
	defer func() { err = t.Rollback() }()
	return errors.New("reported failed")
}

func guardedPanic(t *tx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered", r)
		}
	}()
	defer func() { err = t.Rollback() }()
	err = errors.New("before panic")
	panic("boom")
}

func later(t *tx) (err error) {
	var show func()
	defer func() { show() }()
	defer func() { err = t.Rollback() }()
	defer func() {
		show = func() { fmt.Println("later sees:", err) }
	}()
	return errors.New("later failed")
}

type closeErr struct{}

func (*closeErr) Error() string { return "close error" }

type handle struct{}

func (handle) Close() *closeErr { return nil }

func typedNil(h handle) (err error) {
	defer func() { err = h.Close() }()
	return nil
}

func jump(t *tx) (err error) {
	i := 0
again:
	defer func() { err = t.Rollback() }()
	defer func() { fmt.Println("jump sees:", err) }()
	i++
	if i < 2 {
		goto again
	}
	return errors.New("jump failed")
}

func main() {
	fmt.Println(cleanup(os.TempDir()) != nil)
	fmt.Println(removeOnError(&tx{}, "out.txt"))
	fmt.Println(reported(&tx{}))
	fmt.Println(guardedPanic(&tx{}))
	fmt.Println(later(&tx{}))
	fmt.Println(typedNil(handle{}) == nil)
	fmt.Println(jump(&tx{}))
}

// Output before fix:
// true
// <nil>
// reported: <nil>
// <nil>
// recovered boom
// <nil>
// later sees: <nil>
// <nil>
// false
// jump sees: jump failed
// jump sees: <nil>
// <nil>

// Output:
// true
// removing out.txt
// write failed
// reported: reported failed
// reported failed
// recovered boom
// before panic
// later sees: later failed
// later failed
// true
// jump sees: jump failed
// jump sees: jump failed
// jump failed
