// Case: a deferred literal stores the Close error of a writer of the test's own in err, returned through an unnamed error result; `var err error` declared first, then reused by `w, err := open(...)`; expected outcome: fixed safely: the result is named err, the var goes, and the Close error reaches the caller.

package main

import (
	"errors"
	"fmt"
)

type sink struct {
	name    string
	failing bool
	data    []byte
}

func (s *sink) Write(p []byte) (int, error) {
	s.data = append(s.data, p...)
	return len(p), nil
}

func (s *sink) Close() error {
	if s.failing {
		return errors.New("close " + s.name + ": disk full")
	}
	return nil
}

func open(name string, failing bool) (*sink, error) {
	if name == "" {
		return nil, errors.New("no name")
	}
	return &sink{name: name, failing: failing}, nil
}

func save(name string, failing bool, text string) error {
	var err error
	w, err := open(name, failing)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := w.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	_, err = w.Write([]byte(text))
	return err
}

func store(s *sink) error {
	var err error

	defer func() { err = s.Close() }()
	_, err = s.Write([]byte("x"))
	return err
}

func main() {
	fmt.Println(save("a", false, "hello"))
	fmt.Println(save("b", true, "hello"))
	fmt.Println(save("", true, "hello"))
	fmt.Println(store(&sink{name: "c", failing: true}))
}

// Output before fix:
// <nil>
// <nil>
// no name
// <nil>

// Output:
// <nil>
// close b: disk full
// no name
// close c: disk full
