// Case: contexts derived in loops where cancelling at the end of the iteration is not provably right: the iteration may `continue` after creating the context, the context is kept beyond the iteration, the call is in a `switch` case clause; expected outcome: reported, not fixed; the program behaves exactly as before.

package main

import (
	"context"
	"fmt"
)

func skip(parent context.Context, n int) int {
	done := 0
	for i := 0; i < n; i++ {
		ctx, _ := context.WithCancel(parent)
		if i%2 == 0 {
			continue
		}
		if ctx.Err() == nil {
			done++
		}
	}
	return done
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
	fmt.Println(skip(bg, 4))
	for _, ctx := range keep(bg, 2) {
		fmt.Println(ctx.Err())
	}
	fmt.Println(sometimes(bg, 3))
}

// Output:
// 2
// <nil>
// <nil>
// 2
