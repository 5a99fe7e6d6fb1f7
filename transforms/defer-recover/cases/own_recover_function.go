// Case: the file declares its own function named `recover`, which shadows the builtin, so `defer recover()` calls that function; expected outcome: no findings.

package main

import "fmt"

func recover() {
	fmt.Println("restoring the saved state")
}

func main() {
	defer recover()
	fmt.Println("working")
}

// Output before fix:
// working
// restoring the saved state

// Output:
// working
// restoring the saved state
