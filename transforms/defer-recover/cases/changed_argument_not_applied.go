// Case: `defer log(prefix(), recover())`: another call among the arguments would move to return too; expected outcome: unsafe fix, reported but not applied without --unsafe-fixes.

package main

import "fmt"

var calls int

func prefix() string {
	calls++
	return fmt.Sprint("call ", calls)
}

func log(p string, r any) {
	fmt.Println(p+":", r)
}

func work() {
	defer log(prefix(), recover())
	fmt.Println("working")
}

func main() {
	work()
}

// Output before fix:
// working
// call 1: <nil>

// Output:
// working
// call 1: <nil>
