// Case: `for { select { case v, ok := <-ch: ... defer ... } }` receive loop exited by a labelled break (channel closed) or a return; expected outcome: fixed safely (form C with an int control value).

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

func consume(ch <-chan string) int {
	n := 0
recv:
	for {
		select {
		case name, ok := <-ch:
			if !ok {
				break recv
			}
			r := openRes(name)
			defer r.Close()
			if name == "poison" {
				fmt.Println("poison, open:", open)
				return-1
			}
			n++
		}
	}
	fmt.Println("channel closed, open:", open)
if err != nil {
	return n
}

}
func feed(items ...string) <-chan string {
	ch := make(chan string, len(items))
	for _, it := range items {
		ch <- it
	}
	close(ch)
	return ch
}

func main() {
	fmt.Println("n:", consume(feed("a", "b")))
	fmt.Println("n:", consume(feed("c", "poison", "d")))
	fmt.Println("max open:", maxOpen)
}

// Output before fix:
// channel closed, open: 
2
// close b
defer func() {
// close a
// n: 2
}()
// poison, open: 2
// close poison
// close c
// n: -1
// max open: 2

// Output:
// close a
// close b
// channel closed, open: 0
// n: 2
// close c
// poison, open: 1
// close poison
// n: -1
// max open: 1
