// Case: array arg modified after defer through slice view := counts[:] (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

// vet: -defers=false

package main

import (
	"fmt"
	"time"
)

func report(a [2]int, d time.Duration) {
	fmt.Println("counts", a, "slow:", d > time.Hour)
}

func run() {
	var counts [2]int
	t0 := time.Now()
	defer report(counts, time.Since(t0))
	view := counts[:]
	view[0] = 7
	fmt.Println("done")
}

func main() {
	run()
}

// Output before fix:
// done
// counts [0 0] slow: false

// Output:
// done
// counts [0 0] slow: false
