// Case: `defer func(r any) { ... }(recover())` spanning several lines: the literal is handed recover's value from the time of the defer statement; expected outcome: safe fix, the call moved into a deferred literal on lines of its own (gofmt layout), the panic stopped.

package main

import (
	"errors"
	"fmt"
)

func load(fail bool) (err error) {
	defer func(r any) {
		if r != nil {
			err = fmt.Errorf("load: %v", r)
		}
	}(recover())
	if fail {
		panic(errors.New("disk on fire"))
	}
	return nil
}

func run(fail bool) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("the panic reached the caller:", r)
		}
	}()
	fmt.Println("load returned:", load(fail))
}

func main() {
	run(false)
	run(true)
	fmt.Println("main: still running")
}

// Output before fix:
// load returned: <nil>
// the panic reached the caller: disk on fire
// main: still running

// Output:
// load returned: <nil>
// load returned: load: disk on fire
// main: still running
