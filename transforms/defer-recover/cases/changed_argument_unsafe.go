// Case: `defer report(stage, recover())` where `stage` is assigned after the defer; expected outcome: unsafe fix (applied only with --unsafe-fixes): the wrapped call also reads `stage` at return, which here reports the stage that panicked.
// flags: --unsafe-fixes

package main

import "fmt"

func report(stage string, r any) {
	fmt.Printf("stage %s: recovered %v\n", stage, r)
}

func pipeline() {
	stage := "parse"
	defer report(stage, recover())
	stage = "execute"
	panic("division by zero")
}

func run() {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("the panic reached the caller:", r)
		}
	}()
	pipeline()
	fmt.Println("pipeline returned normally")
}

func main() {
	run()
	fmt.Println("main: still running")
}

// Output before fix:
// stage parse: recovered <nil>
// the panic reached the caller: division by zero
// main: still running

// Output:
// stage execute: recovered division by zero
// pipeline returned normally
// main: still running
