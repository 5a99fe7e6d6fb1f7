// Case: `defer fmt.Println(..., time.Now().Sub(start) >= 10*time.Millisecond)`: the comparison holds a duration measured up to now, next to a literal and a package constant; expected outcome: safe fix.

package main

import (
	"fmt"
	"time"
)

func work() {
	start := time.Now()
	defer fmt.Println("slept at least 10ms:", time.Now().Sub(start) >= 10*time.Millisecond)
	time.Sleep(10 * time.Millisecond)
}

func main() {
	work()
}

// Output before fix:
// slept at least 10ms: false

// Output:
// slept at least 10ms: true
