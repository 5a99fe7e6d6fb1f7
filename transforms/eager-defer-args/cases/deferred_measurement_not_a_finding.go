// Case: durations measured at the right time: inside a deferred literal, the `func(begin time.Time) {...}(time.Now())` start-time idiom, a duration computed before the defer on purpose, and a function literal argument; expected outcome: no findings.

package main

import (
	"fmt"
	"time"
)

func run(f func()) { f() }

func work() {
	start := time.Now()
	defer func() {
		fmt.Println("literal: at least 5ms:", time.Since(start) >= 5*time.Millisecond)
	}()
	defer func(begin time.Time) {
		fmt.Println("idiom: at least 5ms:", time.Since(begin) >= 5*time.Millisecond)
	}(time.Now())
	setup := time.Since(start)
	defer fmt.Println("setup under a second:", setup < time.Second)
	defer run(func() { fmt.Println("callback: at least 5ms:", time.Since(start) >= 5*time.Millisecond) })
	time.Sleep(5 * time.Millisecond)
}

func main() {
	work()
}

// Output before fix:
// callback: at least 5ms: true
// setup under a second: true
// idiom: at least 5ms: true
// literal: at least 5ms: true

// Output:
// callback: at least 5ms: true
// setup under a second: true
// idiom: at least 5ms: true
// literal: at least 5ms: true
