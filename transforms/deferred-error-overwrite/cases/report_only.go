// Case: overwrites the rule reports without a fix: the literal reads err after assigning it (logging Close's error), or a closure of the literal made before the assignment reads it when called after, `n, err = w.Write(...)` sets another variable too, a comment inside the assignment, a one-line literal with a comment; expected outcome: reported with the reason, nothing changed.

package main

import (
	"errors"
	"fmt"
)

type file struct{ fail bool }

func (f *file) Close() error {
	if f.fail {
		return errors.New("close failed")
	}
	return nil
}

func (f *file) Write(p []byte) (int, error) { return len(p), nil }

func logged(f *file) (err error) {
	defer func() {
		err = f.Close()
		if err != nil {
			fmt.Println("log:", err)
		}
	}()
	return errors.New("logged")
}

func counted(f *file) (n int, err error) {
	defer func() {
		n, err = f.Write([]byte("end"))
	}()
	return 0, errors.New("counted")
}

func commented(f *file) (err error) {
	defer func() {
		err = /* the last word */ f.Close()
	}()
	return errors.New("commented")
}

func oneLine(f *file) (err error) {
	defer func() { err = f.Close() /* keep */ }()
	return errors.New("one line")
}

func shown(f *file) (err error) {
	defer func() {
		show := func() { fmt.Println("shown:", err) }
		err = f.Close()
		show()
	}()
	return errors.New("shown failed")
}

func main() {
	f := &file{fail: true}
	fmt.Println(logged(f))
	fmt.Println(logged(&file{}))
	fmt.Println(counted(f))
	fmt.Println(commented(f), oneLine(&file{}))
	fmt.Println(shown(&file{}))
}

// Output before fix:
// log: close failed
// close failed
// <nil>
// 3 <nil>
// close failed <nil>
// shown: <nil>
// <nil>

// Output:
// log: close failed
// close failed
// <nil>
// 3 <nil>
// close failed <nil>
// shown: <nil>
// <nil>
