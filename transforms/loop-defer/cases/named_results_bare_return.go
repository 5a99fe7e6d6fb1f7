// Case: named results (n int, err error) with bare returns inside the loop body; expected outcome: fixed safely (form C), the named results keep the values set before each bare return.

package main

import "fmt"

type res struct {
	name string
	size int
}

var open, maxOpen int

func openRes(name string) *res {
	open++
	maxOpen = max(maxOpen, open)
	return &res{name: name, size: len(name)}
}

func (r *res) Close() {
	open--
	fmt.Println("close", r.name)
}

func countUntil(names []string, stop string, limit int) (n int, err error) {
	for _, name := range names {
		r := openRes(name)
		defer r.Close()
		if name == stop {
			err = fmt.Errorf("hit %q", name)
			return
		}
		n += r.size
		if n > limit {
			fmt.Println("limit reached, open:", open)
			return
		}
	}
	n = -n
	return
}

func main() {
	fmt.Println(countUntil([]string{"ab", "c", "STOP", "d"}, "STOP", 100))
	fmt.Println(countUntil([]string{"abc", "defg", "h"}, "STOP", 5))
	fmt.Println(countUntil([]string{"a", "b"}, "STOP", 5))
	fmt.Println("max open:", maxOpen)
}

// Output before fix:
// close STOP
// close c
// close ab
// 3 hit "STOP"
// limit reached, open: 2
// close defg
// close abc
// 7 <nil>
// close b
// close a
// -2 <nil>
// max open: 3

// Output:
// close ab
// close c
// close STOP
// 3 hit "STOP"
// close abc
// limit reached, open: 1
// close defg
// 7 <nil>
// close a
// close b
// -2 <nil>
// max open: 1
