// Case: `defer trace("load")` where `func trace(name string) func()` prints on entry and returns the function that prints on exit; expected outcome: unsafe fix `defer trace("load")()` (applied with --unsafe-fixes): entry is traced at the start and exit at the end.
// flags: --unsafe-fixes

package main

import "fmt"

func trace(name string) func() {
	fmt.Println("enter", name)
	return func() { fmt.Println("exit", name) }
}

func load() {
	defer trace("load")
	fmt.Println("loading")
}

func main() {
	load()
}

// Output before fix:
// loading
// enter load

// Output:
// enter load
// loading
// exit load
