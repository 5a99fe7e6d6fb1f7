// Case: h := &holder{}; h.ctx = ctx; return h -> returned holder's ctx cancelled (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

// vet: -lostcancel=false

package main

import (
	"context"
	"fmt"
)

type holder struct{ ctx context.Context }

func mkHolder() *holder {
	h := &holder{}
	ctx, _ := context.WithCancel(context.Background())
	h.ctx = ctx
	return h
}

func main() {
	h := mkHolder()
	fmt.Println("holder", h.ctx.Err())
}

// Output before fix:
// holder <nil>

// Output:
// holder <nil>
