// Case: a deferred `fmt.Printf` spanning three lines with `time.Since(start)` on the last; its other arguments are parameters that never change; expected outcome: safe fix, the call wrapped on lines of its own and indented one tab more, as gofmt lays it out.

package main

import (
	"fmt"
	"time"
)

func wait(name string, d time.Duration) {
	start := time.Now()
	defer fmt.Printf("%s: waited at least %v: %v\n",
		name, d,
		time.Since(start) >= d)
	time.Sleep(d)
}

func main() {
	wait("poll", 15*time.Millisecond)
}

// Output before fix:
// poll: waited at least 15ms: false

// Output:
// poll: waited at least 15ms: true
