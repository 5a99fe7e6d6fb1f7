// Case: `defer fmt.Println("recovered:", recover())`: recover runs when the defer statement runs; the other argument is a literal and the callee a package function; expected outcome: safe fix wrapping the call, after which the panic value is printed and the program carries on.

package main

import "fmt"

func parse(input string) (n int) {
	defer fmt.Println("recovered:", recover())
	if input == "" {
		panic("empty input")
	}
	return len(input)
}

func run(input string) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("the panic reached the caller:", r)
		}
	}()
	fmt.Println("parsed", parse(input))
}

func main() {
	run("abc")
	run("")
	fmt.Println("main: still running")
}

// Output before fix:
// recovered: <nil>
// parsed 3
// recovered: <nil>
// the panic reached the caller: empty input
// main: still running

// Output:
// recovered: <nil>
// parsed 3
// recovered: empty input
// parsed 0
// main: still running
