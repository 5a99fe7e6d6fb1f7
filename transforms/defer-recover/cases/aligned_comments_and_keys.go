// Case: `defer recover()` in a run of aligned trailing comments, and inside a function literal that is the value of a key-value pair in a composite literal with aligned keys and comments; expected outcome: fixed safely, the comment columns of both blocks move with the longer line, the key column stays.

package main

import "fmt"

func handlers() map[string]func() {
	return map[string]func(){
		"a":  func() { defer recover(); panic("a") }, // first
		"bb": func() {},                              // second
	}
}

func safe() {
	x := 1          // one
	defer recover() // swallow
	y := 2          // two
	fmt.Println(x + y)
	panic("boom")
}

func main() {
	func() {
		defer func() { fmt.Println("recovered in main:", recover() != nil) }()
		safe()
	}()
	func() {
		defer func() { fmt.Println("recovered in main:", recover() != nil) }()
		handlers()["a"]()
	}()
}

// Output before fix:
// 3
// recovered in main: true
// recovered in main: true

// Output:
// 3
// recovered in main: false
// recovered in main: false
