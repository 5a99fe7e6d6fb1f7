// Case: the returned error variable is declared by `:=` from a call of a func value (its type is not read from a declaration), without --unsafe-fixes; expected outcome: reported with an unsafe fix (its type is inferred), not applied.

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

func check(s *sink) error {
	err := checkSink(s)
	defer func() { err = s.Close() }()
	return err
}

func main() {
	fmt.Println(check(&sink{failing: true}))
}

// Output before fix:
// <nil>

// Output:
// <nil>
