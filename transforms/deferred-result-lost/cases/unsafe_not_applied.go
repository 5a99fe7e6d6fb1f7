// Case: the returned error variable is declared by `:=` from a call, without --unsafe-fixes; expected outcome: reported with an unsafe fix (its type is inferred), not applied.

package main

import (
	"errors"
	"fmt"
)

type sink struct{ failing bool }

func (s *sink) Check() error { return nil }

func (s *sink) Close() error {
	if s.failing {
		return errors.New("close failed")
	}
	return nil
}

func check(s *sink) error {
	err := s.Check()
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
