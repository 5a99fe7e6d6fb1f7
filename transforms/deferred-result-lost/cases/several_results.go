// Case: several unnamed results: the deferred literal assigns err (returned second), or both n and err; an early return before any literal uses err returns other values; expected outcome: fixed safely: `(_ int, err error)` and `(n int, err error)`, `n := 0` becomes `n = 0`, every return keeps its values.

package main

import (
	"errors"
	"fmt"
)

type sink struct {
	name    string
	failing bool
}

func (s *sink) Write(p []byte) (int, error) { return len(p), nil }

func (s *sink) Close() error {
	if s.failing {
		return errors.New("close " + s.name + " failed")
	}
	return nil
}

func count(s *sink, words []string) (int, error) {
	if len(words) == 0 {
		return 0, errors.New("nothing to write")
	}
	n := 0
	var err error
	defer func() {
		if cerr := s.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	for _, w := range words {
		k, werr := s.Write([]byte(w))
		n += k
		if werr != nil {
			err = werr
			return n, err
		}
	}
	return n, err
}

func total(s *sink, words []string) (int, error) {
	n := 0
	var err error
	defer func() {
		if cerr := s.Close(); cerr != nil {
			n, err = 0, cerr
		}
	}()
	for _, w := range words {
		k, _ := s.Write([]byte(w))
		n += k
	}
	return n, err
}

func main() {
	fmt.Println(count(&sink{name: "a"}, []string{"ab", "cde"}))
	fmt.Println(count(&sink{name: "b", failing: true}, []string{"ab", "cde"}))
	fmt.Println(count(&sink{name: "c", failing: true}, nil))
	fmt.Println(total(&sink{name: "d"}, []string{"xy"}))
	fmt.Println(total(&sink{name: "e", failing: true}, []string{"xy"}))
}

// Output before fix:
// 5 <nil>
// 5 <nil>
// 0 nothing to write
// 2 <nil>
// 2 <nil>

// Output:
// 5 <nil>
// 5 close b failed
// 0 nothing to write
// 2 <nil>
// 0 close e failed
