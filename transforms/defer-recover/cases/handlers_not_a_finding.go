// Case: recover() called directly by deferred functions: a deferred literal, a declared handler deferred by name (`defer handlePanic("b")`), a literal stored in a variable and deferred, and recover's value passed on from inside a deferred literal; expected outcome: no findings.

package main

import "fmt"

func handlePanic(name string) {
	if r := recover(); r != nil {
		fmt.Println(name, "recovered:", r)
	}
}

func a() {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("a recovered:", r)
		}
	}()
	panic("a failed")
}

func b() {
	defer handlePanic("b")
	panic("b failed")
}

func c() {
	catch := func() {
		if r := recover(); r != nil {
			fmt.Println("c recovered:", r)
		}
	}
	defer catch()
	panic("c failed")
}

func d() {
	defer func() { fmt.Println("d recovered:", recover()) }()
	panic("d failed")
}

func main() {
	a()
	b()
	c()
	d()
}

// Output before fix:
// a recovered: a failed
// b recovered: b failed
// c recovered: c failed
// d recovered: d failed

// Output:
// a recovered: a failed
// b recovered: b failed
// c recovered: c failed
// d recovered: d failed
