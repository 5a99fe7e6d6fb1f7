// Case: ctx from WithCancel stored via e := &entries[i]; e.ctx = ctx; cancel per iteration cancels contexts used after loop (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import (
	"context"
	"fmt"
)

type entry struct {
	name string
	ctx  context.Context
}

func run(parent context.Context, entries []entry) {
	for i := range entries {
		ctx, cancel := context.WithCancel(parent)
		defer cancel()
		e := &entries[i]
		e.ctx = ctx
		fmt.Println("started", e.name)
	}
	for _, e := range entries {
		fmt.Println(e.name, "err:", e.ctx.Err())
	}
}

func main() {
	run(context.Background(), []entry{{name: "a"}, {name: "b"}})
}

// Output before fix:
// started a
// started b
// a err: <nil>
// b err: <nil>

// Output:
// started a
// started b
// a err: <nil>
// b err: <nil>
