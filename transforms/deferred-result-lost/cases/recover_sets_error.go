// Case: a deferred literal recovers a panic and stores it in err, returned through an unnamed result, with --unsafe-fixes; expected outcome: fixed with an unsafe fix (after a recovered panic the function now returns err's value instead of the zero value), applied here: the panic becomes the returned error.
// flags: --unsafe-fixes

package main

import "fmt"

func run(work func()) error {
	var err error
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	work()
	return err
}

func main() {
	fmt.Println(run(func() {}))
	fmt.Println(run(func() { panic("boom") }))
}

// Output before fix:
// <nil>
// <nil>

// Output:
// <nil>
// recovered: boom
