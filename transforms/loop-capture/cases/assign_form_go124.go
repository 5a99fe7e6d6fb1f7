// Case: a go 1.24 module: loops that assign variables declared before them with `=` still share one variable across iterations; `:=` loops are per-iteration and not findings; expected outcome: the `=` loops fixed safely by passing the variables with their declared types.

// go-version: 1.24

package main

import "fmt"

func main() {
	var i int
	for i = 0; i < 3; i++ {
		defer func() { fmt.Println("i", i) }()
	}
	var (
		idx  int
		name string
	)
	for idx, name = range []string{"a", "b"} {
		defer func() { fmt.Println("name", idx, name) }()
	}
	for j := 0; j < 2; j++ {
		defer func() { fmt.Println("j", j) }()
	}
	fmt.Println("after loops", i, idx, name)
}

// Output before fix:
// after loops 3 1 b
// j 1
// j 0
// name 1 b
// name 1 b
// i 3
// i 3
// i 3

// Output:
// after loops 3 1 b
// j 1
// j 0
// name 1 b
// name 0 a
// i 2
// i 1
// i 0
