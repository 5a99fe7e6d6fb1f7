// Case: `defer report("took", time.Since(start)) // timing` in a run of aligned trailing comments; expected outcome: fixed safely, the longer wrapped call moves the comment column of the whole run.

package main

import (
	"fmt"
	"time"
)

func report(what string, d time.Duration) { fmt.Println(what, d >= 10*time.Millisecond) }

func timed() {
	start := time.Now()                     // now
	defer report("took", time.Since(start)) // timing
	time.Sleep(10 * time.Millisecond)       // work
}

func main() {
	timed()
}

// Output before fix:
// took false

// Output:
// took true
