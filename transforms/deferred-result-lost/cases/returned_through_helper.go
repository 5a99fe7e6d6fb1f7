// Case: the variable the deferred literal assigns is returned through a helper (`return wrap(err)`, `return split(err)` with two results), or another return gives nil after the literal exists; expected outcome: reported, not fixed (naming the result would let the literal overwrite what the helper computed or what the other return gave).

package main

import (
	"errors"
	"fmt"
)

type sink struct{ failing bool }

func (s *sink) Write(p []byte) (int, error) { return len(p), nil }

func (s *sink) Close() error {
	if s.failing {
		return errors.New("close failed")
	}
	return nil
}

func wrap(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("save: %w", err)
}

func split(err error) (bool, error) { return err == nil, err }

func viaHelper(s *sink) error {
	var err error
	defer func() { err = s.Close() }()
	_, err = s.Write([]byte("x"))
	return wrap(err)
}

func viaPair(s *sink) (bool, error) {
	var err error
	defer func() { err = s.Close() }()
	_, err = s.Write([]byte("x"))
	return split(err)
}

func otherReturn(s *sink, skip bool) error {
	var err error
	defer func() { err = s.Close() }()
	if skip {
		return nil
	}
	_, err = s.Write([]byte("x"))
	return err
}

func main() {
	fmt.Println(viaHelper(&sink{failing: true}))
	fmt.Println(viaPair(&sink{failing: true}))
	fmt.Println(otherReturn(&sink{failing: true}, true))
}

// Output before fix:
// <nil>
// true <nil>
// <nil>

// Output:
// <nil>
// true <nil>
// <nil>
