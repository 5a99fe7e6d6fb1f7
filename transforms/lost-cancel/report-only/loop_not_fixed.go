// Case: contexts derived in loops where cancelling at the end of the iteration is not provably right: a `return` after creating the context evaluates it (`return ctx.Err()`), a `goto` leaves the loop, the context is kept beyond the iteration, the call is in a `switch` case clause; expected outcome: reported, not fixed; the program behaves exactly as before.

package main

import (
	"context"
	"fmt"
)

func check(parent context.Context, n int) error {
	for i := 0; i < n; i++ {
		ctx, _ := context.WithCancel(parent)
		if i == 1 {
			return ctx.Err()
		}
	}
	return nil
}

func jump(parent context.Context) int {
	n := 0
	for i := 0; i < 2; i++ {
		ctx, _ := context.WithCancel(parent)
		if ctx.Err() == nil {
			n++
		}
		if i == 1 {
			goto end
		}
	}
end:
	return n
}

func keep(parent context.Context, n int) []context.Context {
	var all []context.Context
	for i := 0; i < n; i++ {
		ctx, _ := context.WithCancel(parent)
		all = append(all, ctx)
	}
	return all
}

func sometimes(parent context.Context, n int) int {
	limited := 0
	for i := 0; i < n; i++ {
		switch {
		case i > 0:
			ctx, _ := context.WithCancel(parent)
			if ctx.Err() == nil {
				limited++
			}
		}
	}
	return limited
}

func main() {
	bg := context.Background()
	fmt.Println(check(bg, 3), jump(bg))
	for _, ctx := range keep(bg, 2) {
		fmt.Println(ctx.Err())
	}
	fmt.Println(sometimes(bg, 3))
}

// Output:
// <nil> 2
// <nil>
// <nil>
// 2
