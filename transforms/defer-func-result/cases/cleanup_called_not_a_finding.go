// Case: results that are not a single function from a function of this file: `defer trace("x")()` already calls the cleanup, a setup returning `(func(), error)`, a method returning a function, and a local variable that shadows the setup function; expected outcome: no findings.

package main

import "fmt"

func trace(name string) func() {
	fmt.Println("enter", name)
	return func() { fmt.Println("exit", name) }
}

func open(name string) (func(), error) {
	return func() { fmt.Println("close", name) }, nil
}

type server struct{}

func (server) start() func() { return func() { fmt.Println("server stopped") } }

func work() {
	defer trace("work")()
	closeFile, err := open("data")
	if err != nil {
		return
	}
	defer closeFile()
	defer server{}.start()
	fmt.Println("working")
}

func shadowed() {
	trace := func(name string) func() {
		fmt.Println("local trace", name)
		return nil
	}
	defer trace("shadowed")
}

func main() {
	work()
	shadowed()
}

// Output before fix:
// enter work
// working
// close data
// exit work
// local trace shadowed

// Output:
// enter work
// working
// close data
// exit work
// local trace shadowed
