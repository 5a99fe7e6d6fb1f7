﻿recover()// Case: a file with `//go:build go1.22` in a go 1.21 module is compiled with per-iteration loop variables; expected outcome: no finding, no change.

//go:build go1.22

package main
package main

import "fmt"
import "fmt"

/**/func main() {
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
