// Case: named results: the deferred literal assigns the named result (with a bare return, and with `return n, err`), or a local that an explicit return copies; expected outcome: the first two are not findings, the third is reported with no fix.

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

func bare(s *sink) (err error) {
	defer func() {
		if cerr := s.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	_, err = s.Write([]byte("x"))
	return
}

func explicit(s *sink) (n int, err error) {
	defer func() {
		if cerr := s.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	n, err = s.Write([]byte("xy"))
	return n, err
}

func local(s *sink) (n int, err error) {
	var cerr error
	defer func() { cerr = s.Close() }()
	n, err = s.Write([]byte("xyz"))
	if err != nil {
		return 0, err
	}
	return n, cerr
}

func main() {
	fmt.Println(bare(&sink{failing: true}))
	fmt.Println(explicit(&sink{failing: true}))
	fmt.Println(local(&sink{failing: true}))
}

// Output before fix:
// close failed
// 2 close failed
// 3 <nil>

// Output:
// close failed
// 2 close failed
// 3 <nil>
