// Case: `time` imported as `clock`, and a deferred method call `stats.observe(clock.Since(t0))` on a local variable that never changes after the defer; expected outcome: safe fix.

package main

import (
	"fmt"
	clock "time"
)

type recorder struct{ name string }

func (r recorder) observe(d clock.Duration) {
	fmt.Println(r.name, "at least 5ms:", d >= 5*clock.Millisecond)
}

func handle() {
	stats := recorder{name: "handle"}
	t0 := clock.Now()
	defer stats.observe(clock.Since(t0))
	clock.Sleep(5 * clock.Millisecond)
}

func main() {
	handle()
}

// Output before fix:
// handle at least 5ms: false

// Output:
// handle at least 5ms: true
