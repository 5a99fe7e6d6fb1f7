// Case: ctx stored via j := &jobs[0]; j.ctx = ctx; defer cancel() cancels the stored context (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

// vet: -lostcancel=false

package main

import (
	"context"
	"fmt"
	"time"
)

type job struct {
	name string
	ctx  context.Context
}

func prepare(jobs []job) {
	j := &jobs[0]
	ctx, _ := context.WithTimeout(context.Background(), time.Hour)
	j.ctx = ctx
}

func main() {
	jobs := []job{{name: "a"}}
	prepare(jobs)
	fmt.Println("job", jobs[0].ctx.Err())
}

// Output before fix:
// job <nil>

// Output:
// job <nil>
