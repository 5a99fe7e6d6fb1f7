// Case: defer h(recover(), i) in a goto loop; i changed before defer textually; fixed prints 3 thrice (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import "fmt"

func h(r any, step int) {
	fmt.Println("handler", r, step)
}

func run() {
	i := 0
again:
	i++
	defer h(recover(), i)
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
// handler <nil> 3
// handler <nil> 2
// handler <nil> 1

// Output:
// done
// handler <nil> 3
// handler <nil> 2
// handler <nil> 1
