// flags: --unsafe-fixes
// Case: `defer trace("load") // ...` in a run of aligned trailing comments, where trace returns the cleanup function; expected outcome: unsafe fix `defer trace("load")()` (applied with --unsafe-fixes), the comment column moves with the longer line.

package main

import "fmt"

func trace(name string) func() {
	fmt.Println("enter", name)
	return func() { fmt.Println("exit", name) }
}

func load() {
	n := 1              // first
	defer trace("load") // traced
	m := 22             // second
	fmt.Println(n + m)
}

func main() {
	load()
}

// Output before fix:
// 23
// enter load

// Output:
// enter load
// 23
// exit load
