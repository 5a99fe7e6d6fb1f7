// Case: main buffers its output and defers the Flush, then calls os.Exit inside a branch; expected outcome: reported (no fix), and the program shows that the buffered line is never written.

package main

import (
	"bufio"
	"fmt"
	"os"
)

func run() int {
	fmt.Println("working")
	return 0
}

func main() {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintln(w, "summary: all done")
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
