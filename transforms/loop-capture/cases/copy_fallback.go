// Case: types not known from the source (a range over a call, a loop variable named like its type) and literals passed to a deferred call rather than called; expected outcome: fixed safely with `v := v` copies just before each statement, above its comment.

package main

import "fmt"

type item string

func items() []item { return []item{"a", "b"} }

func later(f func()) { f() }

func main() {
	for _, v := range items() {
		// Print on the way out.
		defer func() { fmt.Println("value", v) }()
	}
	for _, item := range []item{"c", "d"} {
		defer func() { fmt.Println("item", item) }()
	}
	for i := 0; i < 2; i++ {
		defer later(func() {
			fmt.Println("later", i)
		})
	}
}

// Output before fix:
// later 2
// later 2
// item d
// item d
// value b
// value b

// Output:
// later 1
// later 0
// item d
// item c
// value b
// value a
