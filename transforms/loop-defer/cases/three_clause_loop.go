// Case: defer inside a three-clause `for i := 0; i < n; i++` loop whose body also advances i; expected outcome: fixed safely (form A), the body's i++ still skips an index.

package main

import "fmt"

type conn struct{ id int }

var open, maxOpen int

func dial(id int) *conn {
	open++
	maxOpen = max(maxOpen, open)
	fmt.Println("dial", id)
	return &conn{id: id}
}

func (c *conn) Close() {
	open--
	fmt.Println("close", c.id)
}

func pingAll(n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		c := dial(i)
		defer c.Close()
		sum += c.id * 10
		if i == 1 {
			i++ // skip index 2
		}
	}
	fmt.Println("loop done, open:", open)
	return sum
}

func main() {
	fmt.Println("sum:", pingAll(5))
	fmt.Println("max open:", maxOpen)
}

// Output before fix:
// dial 0
// dial 1
// dial 3
// dial 4
// loop done, open: 4
// close 4
// close 3
// close 1
// close 0
// sum: 80
// max open: 4

// Output:
// dial 0
// close 0
// dial 1
// close 1
// dial 3
// close 3
// dial 4
// close 4
// loop done, open: 0
// sum: 80
// max open: 1
