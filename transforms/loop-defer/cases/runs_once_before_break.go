// Case: a defer that is always followed by leaving the loop (break to the loop's label, or return) runs once, when the function returns after the loop's clean-up; expected outcome: not a finding, never rewritten.

package main

import "fmt"

func run(actions []string) {
	events := make(chan string, len(actions)+1)
	for _, a := range actions {
		events <- a
	}
	events <- "stop"
	close(events)
Loop:
	for {
		ev := <-events
		switch ev {
		case "stop":
			defer fmt.Println("done signalled after draining")
			break Loop
		default:
			fmt.Println("action", ev)
		}
	}
	fmt.Println("draining")
}

func find(names []string, want string) string {
	for _, n := range names {
		if n == want {
			defer fmt.Println("found", n, "(reported on return)")
			return n
		}
	}
	return ""
}

func main() {
	run([]string{"a", "b"})
	fmt.Println("result:", find([]string{"x", "y"}, "y"))
}

// Output before fix:
// action a
// action b
// draining
// done signalled after draining
// found y (reported on return)
// result: y

// Output:
// action a
// action b
// draining
// done signalled after draining
// found y (reported on return)
// result: y
