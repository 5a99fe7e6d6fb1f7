// Case: `defer record(nextID(), time.Now().Sub(start))`: the fix would also move the call `nextID()` to return; expected outcome: unsafe fix, reported but not applied without --unsafe-fixes.

package main

import (
	"fmt"
	"time"
)

var ids int

func nextID() int {
	ids++
	return ids
}

func record(id int, d time.Duration) {
	fmt.Println("request", id, "measured:", d >= 0)
}

func serve() {
	start := time.Now()
	defer record(nextID(), time.Now().Sub(start))
	fmt.Println("serving request", ids)
}

func main() {
	serve()
}

// Output before fix:
// serving request 1
// request 1 measured: true

// Output:
// serving request 1
// request 1 measured: true
