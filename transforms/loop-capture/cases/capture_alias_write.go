// Case: p := &v taken before the literal, *p written after; arg/copy fix freezes pre-write value (prints 3 2 1 / 1 2; neither go1.21 nor go1.22 semantics) (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

package main

import "fmt"

type pt struct{ x int }

func ints(xs []int) {
	for _, v := range xs {
		p := &v
		defer func() { fmt.Println("int", v) }()
		*p = v * 10
	}
}

func structs(ps []pt) {
	for _, v := range ps {
		p := &v
		defer func() { fmt.Println("pt", v.x) }()
		p.x = p.x * 10
	}
}

func main() {
	ints([]int{1, 2, 3})
	structs([]pt{{1}, {2}})
}

// Output before fix:
// int 30
// int 30
// int 30
// pt 20
// pt 20

// Output:
// int 30
// int 30
// int 30
// pt 20
// pt 20
