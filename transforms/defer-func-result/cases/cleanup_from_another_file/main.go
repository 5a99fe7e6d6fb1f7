// Case: deferred calls of setup functions that another file of the package declares and that return their cleanup (a written-out func() and a func type of that file), and a deferred literal that returns a func (grpc-go's shape, staticcheck SA9010); a function of that file returning a func that takes parameters; expected outcome: each reported with an unsafe fix (applied here: the cleanups then run), the one whose result takes parameters without a fix.

// flags: --unsafe-fixes

package main

import "fmt"

func main() {
	work()
	fmt.Println("after work")
}

func work() {
	defer trace("work")
	defer lock("db")
	defer func() func() {
		fmt.Println("setup in literal")
		return func() { fmt.Println("teardown in literal") }
	}()
	defer report("work")
	fmt.Println("working")
}

// Output before fix:
// working
// report work
// setup in literal
// lock db
// enter work
// after work

// Output:
// enter work
// lock db
// setup in literal
// working
// report work
// teardown in literal
// unlock db
// exit work
// after work
