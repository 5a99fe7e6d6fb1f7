// Case: code changed after defer through pointer p := &code taken before the defer; fixed report shows 500 not 200 (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

// vet: -defers=false

package main

import (
	"fmt"
	"time"
)

type state struct{ code *int }

func (s state) fail() { *s.code = 500 }

func report(code int, d time.Duration) {
	fmt.Println("code", code, "slow:", d > time.Hour)
}

func handle() {
	code := 200
	p := &code
	t0 := time.Now()
	defer report(code, time.Since(t0))
	s := state{code: p}
	s.fail()
	fmt.Println("handled")
}

func main() {
	handle()
}

// Output before fix:
// handled
// code 200 slow: false

// Output:
// handled
// code 200 slow: false
