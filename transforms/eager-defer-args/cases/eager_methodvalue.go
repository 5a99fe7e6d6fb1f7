// Case: struct arg modified after defer via pointer-receiver method value apply(st.bump) (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

// vet: -defers=false

package main

import (
	"fmt"
	"time"
)

type stats struct{ n int }

func (s *stats) bump() { s.n++ }

func report(s stats, d time.Duration) {
	fmt.Println("stats", s.n, "slow:", d > time.Hour)
}

func apply(f func()) { f() }

func run() {
	var st stats
	t0 := time.Now()
	defer report(st, time.Since(t0))
	apply(st.bump)
	fmt.Println("done")
}

func main() {
	run()
}

// Output before fix:
// done
// stats 0 slow: false

// Output:
// done
// stats 0 slow: false
