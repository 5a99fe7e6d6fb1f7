// Case: ctx stored in local map m["a"] = ctx, map returned; cancelled (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

// vet: -lostcancel=false

package main

import (
	"context"
	"fmt"
)

func f7() map[string]context.Context {
	m := map[string]context.Context{}
	ctx, _ := context.WithCancel(context.Background())
	m["a"] = ctx
	return m
}

func main() {
	fmt.Println("f7", f7()["a"].Err())
}

// Output before fix:
// f7 <nil>

// Output:
// f7 <nil>
