// Case: a deferred literal in a loop overwrites the named error once per iteration, the literal taking the loop's file as an argument; expected outcome: fixed safely: the function's error is kept, and otherwise the first Close error in the order the deferred calls run (the last file's), where the original returned only the first file's Close result.

// go-version: 1.22

package main

import (
	"errors"
	"fmt"
)

type file struct {
	name string
	fail bool
}

func (f *file) Close() error {
	fmt.Println("close", f.name)
	if f.fail {
		return errors.New("close " + f.name)
	}
	return nil
}

func closeAll(files []*file, fail bool) (err error) {
	for _, f := range files {
		defer func(f *file) {
			err = f.Close()
		}(f)
	}
	if fail {
		return errors.New("work failed")
	}
	return nil
}

func main() {
	fmt.Println(closeAll([]*file{{name: "a"}, {name: "b", fail: true}}, false))
	fmt.Println(closeAll([]*file{{name: "c"}, {name: "d"}}, true))
}

// Output before fix:
// close b
// close a
// <nil>
// close d
// close c
// <nil>

// Output:
// close b
// close a
// close b
// close d
// close c
// work failed
