// Case: a loop with a per-iteration defer and a defer that runs once as the loop ends (meant for function exit); expected outcome: report only, since wrapping would run the once-defer before the code after the loop.

package main

import "fmt"

var open int

type res struct{ name string }

func openRes(name string) *res { open++; return &res{name} }

func (r *res) Close() { open--; fmt.Println("close", r.name) }

func process(items []string) {
	for _, it := range items {
		r := openRes(it)
		defer r.Close()
		if it == "last" {
			defer fmt.Println("finished; open was", open)
			break
		}
		fmt.Println("use", it)
	}
	fmt.Println("after loop, open:", open)
}

func main() {
	process([]string{"a", "last"})
}

// Output before fix:
// use a
// after loop, open: 2
// finished; open was 2
// close last
// close a

// Output:
// use a
// after loop, open: 2
// finished; open was 2
// close last
// close a
