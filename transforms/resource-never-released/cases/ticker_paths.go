// Case: tickers from time.NewTicker: one read in a `for { select }` that returns after n ticks, one whose early return skips its Stop, next to a ticker stopped by a defer, one in a loop that never returns, and one handed to a goroutine; expected outcome: the first two get `defer t.Stop()` right after the call (a ticker has no error to check), the explicit Stop of the second stays (Stop does nothing the second time); the others are not findings: the goroutine that reads the ticker owns it (a value handed over counts as released on that path).

package main

import (
	"fmt"
	"time"
)

func wait(n int) int {
	t := time.NewTicker(time.Millisecond)
	ticks := 0
	for {
		select {
		case <-t.C:
			ticks++
			if ticks == n {
				return ticks
			}
		}
	}
}

func waitOrGiveUp(n int, give bool) bool {
	tick := time.NewTicker(time.Millisecond) // polls
	if give {
		return false
	}
	for i := 0; i < n; i++ {
		<-tick.C
	}
	tick.Stop()
	return true
}

// Not findings.
func stopped(n int) int {
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	for i := 0; i < n; i++ {
		<-t.C
	}
	return n
}

func forever(out chan<- int) {
	t := time.NewTicker(time.Millisecond)
	for i := 0; ; i++ {
		<-t.C
		out <- i
	}
}

// Not a finding either: the goroutine still reads the ticker after the function returns.
func background(done <-chan struct{}) int {
	t := time.NewTicker(time.Millisecond)
	go func() {
		for {
			select {
			case <-t.C:
			case <-done:
				return
			}
		}
	}()
	return 0
}

func main() {
	fmt.Println(wait(3))
	fmt.Println(waitOrGiveUp(2, true), waitOrGiveUp(2, false))
	fmt.Println(stopped(2))
	done := make(chan struct{})
	fmt.Println(background(done))
	close(done)
	_ = forever
}

// Output before fix:
// 3
// false true
// 2
// 0

// Output:
// 3
// false true
// 2
// 0
