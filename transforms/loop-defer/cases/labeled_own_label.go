// Case: loop labelled `loop:` whose body uses `continue loop` and `break loop` (from inside a switch); expected outcome: fixed safely (form C), and the label must not be left unused after the rewrite.

package main

import "fmt"

type res struct{ name string }

var open, maxOpen int

func openRes(name string) *res {
	open++
	maxOpen = max(maxOpen, open)
	return &res{name: name}
}

func (r *res) Close() {
	open--
	fmt.Println("close", r.name)
}

func runAll(cmds []string) int {
	ran := 0
loop:
	for _, cmd := range cmds {
		r := openRes(cmd)
		defer r.Close()
		switch cmd {
		case "skip":
			fmt.Println("skipping")
			continue loop
		case "quit":
			fmt.Println("quitting")
			break loop
		}
		fmt.Println("run", cmd)
		ran++
	}
	fmt.Println("loop exited, open:", open)
	return ran
}

func main() {
	fmt.Println("ran:", runAll([]string{"a", "skip", "b", "quit", "c"}))
	fmt.Println("max open:", maxOpen)
}

// Output before fix:
// run a
// skipping
// run b
// quitting
// loop exited, open: 4
// close quit
// close b
// close skip
// close a
// ran: 2
// max open: 4

// Output:
// run a
// close a
// skipping
// close skip
// run b
// close b
// quitting
// close quit
// loop exited, open: 0
// ran: 2
// max open: 1
