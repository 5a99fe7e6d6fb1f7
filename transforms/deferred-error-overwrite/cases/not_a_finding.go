// Case: deferred literals that set err with regard to its value or that set a variable other than the function's error result: errors.Join, `if err == nil`, an early return on err != nil, a recover handler, the literal's own err (declared, parameter, result), a result shadowed around the defer, an enclosing function's err, a result of another type, an assignment in a loop of the literal, one under an `if` that decides to replace the error (crypto/tls's `if !stop() { ret = ctx.Err() }`), the guard close-error-dropped writes, an unnamed result never returned, a variable returned through an unnamed result that the literal uses as scratch space for logging; expected outcome: no findings.

package main

import (
	"errors"
	"fmt"
)

type closer struct{ fail bool }

func (c closer) Close() error {
	if c.fail {
		return errors.New("close failed")
	}
	return nil
}

func (c closer) Commit() error { return nil }

type myErr struct{}

func (*myErr) Error() string { return "mine" }

func (c closer) Check() *myErr { return nil }

func joined(c closer) (err error) {
	defer func() { err = errors.Join(err, c.Close()) }()
	return errors.New("joined")
}

func guarded(c closer) (err error) {
	defer func() {
		if err == nil {
			err = c.Close()
		}
	}()
	return errors.New("guarded")
}

func committed(c closer) (err error) {
	defer func() {
		if err != nil {
			return
		}
		err = c.Commit()
	}()
	return errors.New("committed")
}

func recovered(c closer) (err error) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		err = fmt.Errorf("recovered: %v", r)
	}()
	panic("boom")
}

func ownErr(c closer) (err error) {
	defer func() {
		err := c.Close()
		_ = err
	}()
	defer func(err error) {
		err = c.Close()
		_ = err
	}(nil)
	defer func() (err error) {
		err = c.Close()
		return
	}()
	return errors.New("own")
}

func shadowed(c closer, ok bool) (err error) {
	if ok {
		var err error
		defer func() { err = c.Close() }()
		_ = err
	}
	return errors.New("shadowed")
}

func enclosing(c closer) (err error) {
	run := func() error {
		defer func() { err = c.Close() }()
		return nil
	}
	_ = run()
	return errors.New("enclosing")
}

func otherType(c closer) (err *myErr) {
	defer func() { err = c.Check() }()
	return &myErr{}
}

func looped(cs []closer) (err error) {
	defer func() {
		for _, c := range cs {
			err = c.Close()
		}
	}()
	return errors.New("looped")
}

func alreadyGuarded(c closer) (err error) {
	defer func() {
		if cerr := c.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	return errors.New("already")
}

func neverReturned(c closer) error {
	var err error
	defer func() { err = c.Close() }()
	_ = err
	return nil
}

func deliberate(c closer, stop func() bool) (ret error) {
	defer func() {
		if !stop() {
			ret = c.Close()
		}
	}()
	return errors.New("deliberate")
}

func scratch(c closer) error {
	var err error
	defer func() {
		err = c.Close()
		if err != nil {
			fmt.Println("scratch:", err)
		}
	}()
	return err
}

func main() {
	c := closer{fail: true}
	fmt.Println(joined(c))
	fmt.Println(guarded(c), committed(c), recovered(c), ownErr(c), shadowed(c, true))
	fmt.Println(enclosing(c), otherType(c) == nil, looped([]closer{c}), alreadyGuarded(c), neverReturned(c))
	fmt.Println(deliberate(c, func() bool { return false }), deliberate(c, func() bool { return true }))
	err := scratch(c)
	fmt.Println(err)
}

// Output before fix:
// joined
// close failed
// guarded committed recovered: boom own shadowed
// enclosing true close failed already <nil>
// close failed deliberate
// scratch: close failed
// <nil>

// Output:
// joined
// close failed
// guarded committed recovered: boom own shadowed
// enclosing true close failed already <nil>
// close failed deliberate
// scratch: close failed
// <nil>
