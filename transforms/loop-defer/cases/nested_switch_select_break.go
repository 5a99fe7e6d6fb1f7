// Case: loop body with a switch and a select whose unlabelled breaks target the switch/select, not the loop; expected outcome: fixed safely (form A), those breaks stay as they are.

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

func handle(vals []int) {
	for _, v := range vals {
		r := openRes(v)
		defer r.Close()
		switch {
		case v%2 == 0:
			if v == 0 {
				fmt.Println("zero, break switch")
				break
			}
			fmt.Println("even", v)
		default:
			fmt.Println("odd", v)
		}
		ch := make(chan int, 1)
		ch <- v
		select {
		case x := <-ch:
			if x > 2 {
				fmt.Println("big, break select")
				break
			}
			fmt.Println("small", x)
		default:
			fmt.Println("nothing ready")
		}
		fmt.Println("end of iteration", v)
	}
	fmt.Println("loop done, open:", open)
}

func main() {
	handle([]int{0, 1, 4})
	fmt.Println("max open:", maxOpen)
}

// Output before fix:
// zero, break switch
// small 0
// end of iteration 0
// odd 1
// small 1
// end of iteration 1
// even 4
// big, break select
// end of iteration 4
// loop done, open: 3
// close 4
// close 1
// close 0
// max open: 3

// Output:
// zero, break switch
// small 0
// end of iteration 0
// close 0
// odd 1
// small 1
// end of iteration 1
// close 1
// even 4
// big, break select
// end of iteration 4
// close 4
// loop done, open: 0
// max open: 1
