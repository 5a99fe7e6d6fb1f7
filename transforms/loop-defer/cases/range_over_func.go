// Case: defer inside a Go 1.23 range-over-func loop (iterator `func(yield func(int) bool)`) with continue and break; expected outcome: fixed safely (form C because of the break), the harness must use go 1.23 in go.mod for this file.
// go-version: 1.23

package main

import "fmt"

type res struct{ id int }

var open, maxOpen int

func openRes(id int) *res {
	open++
	maxOpen = max(maxOpen, open)
	return &res{id: id}
}

func (r *res) Close() {
	open--
	fmt.Println("close", r.id)
}

func countTo(n int) func(yield func(int) bool) {
	return func(yield func(int) bool) {
		for i := 1; i <= n; i++ {
			if !yield(i) {
				fmt.Println("iterator stopped at", i)
				return
			}
		}
	}
}

func sumOdd(limit int) int {
	sum := 0
	for v := range countTo(10) {
		r := openRes(v)
		defer r.Close()
		if v%2 == 0 {
			continue
		}
		if v > limit {
			break
		}
		sum += r.id
	}
	fmt.Println("after loop, open:", open)
	return sum
}

func main() {
	fmt.Println("sum:", sumOdd(4))
	fmt.Println("max open:", maxOpen)
}

// Output before fix:
// iterator stopped at 5
// after loop, open: 5
// close 5
// close 4
// close 3
// close 2
// close 1
// sum: 4
// max open: 5

// Output:
// close 1
// close 2
// close 3
// close 4
// close 5
// iterator stopped at 5
// after loop, open: 0
// sum: 4
// max open: 1
