// Case: defer report(recover()) in loop; combined fix recovers per iteration, loop continues past panic, work() returns normally (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now only the fix of the real bug is applied.

// go-version: 1.22

package main

import "fmt"

type res struct{ id int }

func (r *res) Close() { fmt.Println("close", r.id) }

func report(r any) {
	if r != nil {
		fmt.Println("recovered:", r)
	}
}

func work(n int) {
	for i := 0; i < n; i++ {
		r := &res{i}
		defer report(recover())
		defer r.Close()
		if i == 1 {
			panic("boom")
		}
		fmt.Println("did", i)
	}
	fmt.Println("work finished")
}

func main() {
	defer func() { fmt.Println("main saw", recover()) }()
	work(3)
}

// Output before fix:
// did 0
// close 1
// close 0
// main saw boom

// Output:
// did 0
// close 1
// recovered: boom
// close 0
// main saw <nil>
