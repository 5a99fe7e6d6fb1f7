// Case: the setup function returns a declared function type (`type release func() error`) and is deferred inside a function literal; expected outcome: unsafe fix (applied with --unsafe-fixes), the resource is released.
// flags: --unsafe-fixes

package main

import "fmt"

type release func() error

var held int

func acquire() release {
	held++
	return func() error {
		held--
		return nil
	}
}

func main() {
	func() {
		defer acquire()
		fmt.Println("held while working:", held)
	}()
	fmt.Println("held afterwards:", held)
}

// Output before fix:
// held while working: 0
// held afterwards: 1

// Output:
// held while working: 1
// held afterwards: 0
