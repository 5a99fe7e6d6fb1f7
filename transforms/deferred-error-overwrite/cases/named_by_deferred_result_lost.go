// Case: a deferred literal overwrites a variable returned through an unnamed result, run together with deferred-result-lost, which names the result; expected outcome: in the same pass deferred-result-lost names the result err and this rule guards the assignment, so that the Close error reaches the caller without replacing the function's own error; a second run changes nothing.

// rules: deferred-result-lost

package main

import (
	"errors"
	"fmt"
)

type sink struct{ fail bool }

func (s *sink) Close() error {
	if s.fail {
		return errors.New("close failed")
	}
	return nil
}

func store(s *sink, fail bool) error {
	var err error
	defer func() { err = s.Close() }()
	if fail {
		err = errors.New("store failed")
	}
	return err
}

func main() {
	fmt.Println(store(&sink{}, false), store(&sink{}, true))
	fmt.Println(store(&sink{fail: true}, false), store(&sink{fail: true}, true))
}

// Output before fix:
// <nil> store failed
// <nil> store failed

// Output:
// <nil> store failed
// close failed store failed
