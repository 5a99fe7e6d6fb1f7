// Case: `defer report("work", time.Since(start))`: the duration is measured when the defer statement runs; the other argument is a literal and `start` never changes; expected outcome: safe fix wrapping the call, after which the real elapsed time is reported.

package main

import (
	"fmt"
	"time"
)

const pause = 20 * time.Millisecond

func report(name string, d time.Duration) {
	fmt.Println(name, "took at least the pause:", d >= pause)
}

func work() {
	start := time.Now()
	defer report("work", time.Since(start))
	time.Sleep(pause)
}

func main() {
	work()
}

// Output before fix:
// work took at least the pause: false

// Output:
// work took at least the pause: true
