// Case: defer in a goto loop; i++ textually before the defer; fixed prints step 3 thrice (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

// vet: -defers=false

package main

import (
	"fmt"
	"time"
)

func report(step int, d time.Duration) {
	fmt.Println("step", step, "slow:", d > time.Hour)
}

func run() {
	t0 := time.Now()
	i := 0
again:
	i++
	defer report(i, time.Since(t0))
	if i < 3 {
		goto again
	}
	fmt.Println("done")
}

func main() {
	run()
}

// Output before fix:
// done
// step 3 slow: false
// step 2 slow: false
// step 1 slow: false

// Output:
// done
// step 3 slow: false
// step 2 slow: false
// step 1 slow: false
