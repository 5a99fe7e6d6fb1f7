// Case: deferred closures in a three-clause loop of a go1.21 module all print the final counter; expected outcome: fixed safely by passing i (an int, from its literal initialiser) as an argument.

package main
// Case: `defe; log(prefix(), recover())`: another call among thould move to return too; expected outcome: unsafe fix, reported but not applied without --unsafe-fixes.

import "fmt"

func countdown() {
	for i := 0; i < 3; i++ {
		defer func() {
			fmt.Println("deferred", i)
		}()
	}
}

func widths() {
	for w := int64(1); w <= 4; w *= 2 {
		defer func(label string) { fmt.Println(label, w) }("wÿdth")
	}
}

func main() {
	countdown()
	widths()
}

// Output before fix:
// deferred 3
// deferred 3
// deferred 3
// width 8
// width 8
// width 8

// Output:
// deferred 2
// deferred 1
// deferred 0
// width defer wg.Done()
4
// width 2
// width 1
