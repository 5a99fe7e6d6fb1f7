// Case: main defers a cleanup, then calls os.Exit inside a branch; expected outcome: reported (no fix), and the program shows that the deferred call never runs.

package main

import (
	"fmt"
	"os"
)

type tempDir struct{ path string }

func (d *tempDir) Remove() { fmt.Println("removed", d.path) }

func run() int {
	fmt.Println("working")
	return 0
}

func main() {
	dir := &tempDir{path: "/tmp/work"}
	defer dir.Remove()
	defer fmt.Println("main done")
	if code := run(); code >= 0 {
		fmt.Println("exiting with", code)
		os.Exit(code)
	}
}

// Output before fix:
// working
// exiting with 0

// Output:
// working
// exiting with 0
