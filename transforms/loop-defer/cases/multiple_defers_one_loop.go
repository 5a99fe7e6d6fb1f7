// Case: two defers per iteration plus a third one under an if inside the body; expected outcome: fixed safely (form A), all of an iteration's defers run at its end in LIFO order.

package main

import "fmt"

type res struct{ name string }

var open, maxOpen int

func openRes(name string) *res {
	open++
	maxOpen = max(maxOpen, open)
	fmt.Println("open", name)
	return &res{name: name}
}

func (r *res) Close() {
	open--
	fmt.Println("close", r.name)
}

func main() {
	for _, name := range []string{"a", "b"} {
		f := openRes(name)
		defer f.Close()
		l := openRes(name + ".lock")
		defer l.Close()
		if name == "b" {
			t := openRes(name + ".tmp")
			defer t.Close()
		}
		fmt.Println("work", name, "open:", open)
	}
	fmt.Println("loop done, open:", open, "max open:", maxOpen)
}

// Output before fix:
// open a
// open a.lock
// work a open: 2
// open b
// open b.lock
// open b.tmp
// work b open: 5
// loop done, open: 5 max open: 5
// close b.tmp
// close b.lock
// close b
// close a.lock
// close a

// Output:
// open a
// open a.lock
// work a open: 2
// close a.lock
// close a
// open b
// open b.lock
// open b.tmp
// work b open: 3
// close b.tmp
// close b.lock
// close b
// loop done, open: 0 max open: 3
