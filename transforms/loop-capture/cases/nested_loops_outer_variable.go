// Case: a deferred closure in an inner loop captures the outer counter and the inner range value; expected outcome: fixed safely, both passed as arguments (round int, name string).

package main

import "fmt"

func report(names []string) {
	for round := 1; round <= 2; round++ {
		for _, name := range names {
			defer func() {
				fmt.Println("round", round, name)
			}()
		}
	}
}

func main() {
	report([]string{"x", "y"})
}

// Output before fix:
// round 3 y
// round 3 y
// round 3 y
// round 3 y

// Output:
// round 2 y
// round 2 x
// round 1 y
// round 1 x
