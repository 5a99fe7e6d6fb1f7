// Case: the name cerr is taken: the literal uses a variable cerr, and a function's error result is itself named cerr; a multi-line call; expected outcome: fixed safely with cerr2 in both, the call's lines kept as they were.

package main

import (
	"errors"
	"fmt"
)

type server struct{ fail bool }

func (s *server) Shutdown(reason string, force bool) error {
	if s.fail {
		return errors.New("shutdown " + reason)
	}
	return nil
}

func (s *server) Close() error { return s.Shutdown("close", false) }

func stop(s *server, cerr error) (err error) {
	defer func() {
		fmt.Println("earlier:", cerr)
		err = s.Close()
	}()
	return errors.New("stop failed")
}

func named(s *server) (cerr error) {
	defer func() {
		cerr = s.Shutdown(
			"named",
			true,
		)
	}()
	return errors.New("named failed")
}

func main() {
	fmt.Println(stop(&server{}, nil))
	fmt.Println(named(&server{}))
	fmt.Println(named(&server{fail: true}))
}

// Output before fix:
// earlier: <nil>
// <nil>
// <nil>
// shutdown named

// Output:
// earlier: <nil>
// stop failed
// named failed
// named failed
