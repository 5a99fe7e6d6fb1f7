// Case: main defers flushing a buffered writer, then calls fail, which another file of the package declares and which exits through a second function of that file; a call of a function of that file that does not exit, and a local function value that shadows an exiting name, are not exits; a go run program beside the package (//go:build ignore) declaring an exiting ok is not part of the package; expected outcome: the call of fail reported (no fix), naming the file and the line where the exit is reached; the program shows that the buffered line is lost.

package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintln(w, "buffered, never written")
	ok("start")
	quit := func(string) {}
	quit("not an exit")
	fail("done")
}

// Output before fix:
// start
// done

// Output:
// start
// done
