// Case: ctx stored in local slice element hs[0].ctx then &hs[0] returned; cancelled (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

// vet: -lostcancel=false

package main

import (
	"context"
	"fmt"
)

type holder struct{ ctx context.Context }

func f6() *holder {
	ctx, _ := context.WithCancel(context.Background())
	hs := make([]holder, 1)
	hs[0].ctx = ctx
	return &hs[0]
}

func main() {
	fmt.Println("f6", f6().ctx.Err())
}

// Output before fix:
// f6 <nil>

// Output:
// f6 <nil>
