// Case: `defer report(step, time.Since(start))` where `step` is assigned after the defer; expected outcome: unsafe fix (applied with --unsafe-fixes): the wrapped call also reads `step` at return, so it reports the last step.
// flags: --unsafe-fixes

package main

import (
	"fmt"
	"time"
)

func report(step string, d time.Duration) {
	fmt.Println("last step:", step, "- took at least 10ms:", d >= 10*time.Millisecond)
}

func migrate() {
	start := time.Now()
	step := "connect"
	defer report(step, time.Since(start))
	step = "copy"
	time.Sleep(10 * time.Millisecond)
}

func main() {
	migrate()
}

// Output before fix:
// last step: connect - took at least 10ms: false

// Output:
// last step: copy - took at least 10ms: true
