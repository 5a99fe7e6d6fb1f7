// Case: a go 1.22 module has per-iteration loop variables; expected outcome: no finding, no change.

// go-version: 1.22

package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
		defer func() { fmt.Println(i) }()
	}
}

// Output before fix:
// 2
// 1
// 0

// Output:
// 2
// 1
// 0
