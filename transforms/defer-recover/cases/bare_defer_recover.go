// Case: `defer recover()` in a function that panics; expected outcome: safe fix to `defer func() { recover() }()`, after which the panic is stopped and the program carries on normally.

package main

import "fmt"

func risky() {
	defer recover()
	fmt.Println("risky: working")
	panic("boom")
}

func run(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println(name+": the panic reached the caller:", r)
		}
	}()
	f()
	fmt.Println(name + ": returned normally")
}

func main() {
	run("risky", risky)
	fmt.Println("main: still running")
}

// Output before fix:
// risky: working
// risky: the panic reached the caller: boom
// main: still running

// Output:
// risky: working
// risky: returned normally
// main: still running
