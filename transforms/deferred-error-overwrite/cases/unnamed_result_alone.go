// Case: the same overwrite of a variable returned through an unnamed result, with this rule alone; expected outcome: fixed safely, and the program's behaviour does not change (the result is a copy made by return; the guard matters once the result is named).

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

func store(s *sink, fail bool) (int, error) {
	var err error
	defer func() {
		err = s.Close()
	}()
	if fail {
		err = errors.New("store failed")
	}
	return 1, err
}

func main() {
	fmt.Println(store(&sink{fail: true}, false))
	fmt.Println(store(&sink{fail: true}, true))
}

// Output before fix:
// 1 <nil>
// 1 store failed

// Output:
// 1 <nil>
// 1 store failed
