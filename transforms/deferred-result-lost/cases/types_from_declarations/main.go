// Case: the returned error is declared by `:=` from calls whose declarations give its type: a function of this file, one of another file of the package, a standard function (strconv.Atoi, from the toolchain's source); beside them one declared in the other file as returning a concrete *parseErr, whose type is not the result's; expected outcome: the first three fixed safely (the `:=` becomes `=`), the fourth keeps its unsafe fix, not applied; the program shows the deferred assignments now reach the callers.

package main

import (
	"errors"
	"fmt"
	"strconv"
)

type sink struct{ failing bool }

func (s *sink) Close() error {
	if s.failing {
		return errors.New("close failed")
	}
	return nil
}

func validate(s string) error { return nil }

func here(s *sink, in string) error {
	err := validate(in)
	defer func() { err = errors.Join(err, s.Close()) }()
	return err
}

func sibling(s *sink, in string) error {
	err := check(in)
	defer func() { err = errors.Join(err, s.Close()) }()
	return err
}

func standard(s *sink, in string) (int, error) {
	n, err := strconv.Atoi(in)
	defer func() { err = errors.Join(err, s.Close()) }()
	return n, err
}

func concrete(s *sink, in string) error {
	err := checkTyped(in)
	defer func() {
		if cerr := s.Close(); cerr != nil {
			err = &parseErr{in: cerr.Error()}
		}
	}()
	return err
}

func main() {
	s := &sink{failing: true}
	fmt.Println(here(s, "1"))
	fmt.Println(sibling(s, "1"))
	fmt.Println(standard(s, "1"))
	fmt.Println(concrete(s, "1") == nil)
}

// Output before fix:
// <nil>
// <nil>
// 1 <nil>
// false

// Output:
// close failed
// close failed
// 1 close failed
// false
