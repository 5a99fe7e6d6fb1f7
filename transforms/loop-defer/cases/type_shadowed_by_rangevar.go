// Case: result type 'item' spelled inside loop where range var 'item' shadows it; does not compile (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import "fmt"

type item struct{ n int }

type res struct{ id int }

func (r *res) Close() { fmt.Println("close", r.id) }

func find(items []item, want int) (item, bool) {
	for i, item := range items {
		r := &res{i}
		defer r.Close()
		if item.n == want {
			return item, true
		}
	}
	return item{}, false
}

func main() {
	fmt.Println(find([]item{{1}, {2}, {3}}, 2))
}

// Output before fix:
// close 1
// close 0
// {2} true

// Output:
// close 1
// close 0
// {2} true
