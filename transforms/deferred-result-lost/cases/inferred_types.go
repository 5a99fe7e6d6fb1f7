// Case: the returned variable is declared by `:=`: an error from a call of a func value (type inferred), and an int counter (only int can be returned as int); with --unsafe-fixes; expected outcome: the counter is fixed safely (`n := 0` becomes `n = 0`), the error is fixed with an unsafe fix, applied here (`err := ...` becomes `err = ...`).
// flags: --unsafe-fixes

package main

import (
	"errors"
	"fmt"
)

type sink struct{ failing bool }

func (s *sink) Check() error { return nil }

// checkSink is a func value: what it returns is not read from a declaration.
var checkSink = (*sink).Check

func (s *sink) Close() error {
	if s.failing {
		return errors.New("close failed")
	}
	return nil
}

func calls(s *sink) int {
	n := 0
	defer func() { n++ }()
	_ = s.Check()
	return n
}

func check(s *sink) error {
	err := checkSink(s)
	defer func() {
		if cerr := s.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	return err
}

func main() {
	fmt.Println(calls(&sink{}))
	fmt.Println(check(&sink{failing: true}))
}

// Output before fix:
// 0
// <nil>

// Output:
// 1
// close failed
