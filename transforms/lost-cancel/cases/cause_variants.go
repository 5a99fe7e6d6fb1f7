// Case: the Cause variants: WithCancelCause, whose cancel function takes a cause, and WithTimeoutCause / WithDeadlineCause, whose cancel function does not; expected outcome: fixed safely with `defer cancel(nil)` for WithCancelCause and `defer cancel()` for the others.

package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

var contexts []context.Context

func record(ctx context.Context) {
	contexts = append(contexts, ctx)
}

func withCause(parent context.Context) {
	ctx, _ := context.WithCancelCause(parent)
	record(ctx)
}

func withTimeoutCause(parent context.Context) {
	ctx, _ := context.WithTimeoutCause(parent, time.Hour, errors.New("too slow"))
	record(ctx)
}

func withDeadlineCause(parent context.Context) {
	var ctx context.Context
	ctx, _ = context.WithDeadlineCause(parent, time.Now().Add(time.Hour), errors.New("too late"))
	record(ctx)
}

func causeAssigned(parent context.Context) {
	var ctx context.Context
	ctx, _ = context.WithCancelCause(parent)
	record(ctx)
}

func main() {
	bg := context.Background()
	withCause(bg)
	withTimeoutCause(bg)
	withDeadlineCause(bg)
	causeAssigned(bg)
	for _, ctx := range contexts {
		fmt.Println(ctx.Err(), context.Cause(ctx))
	}
}

// Output before fix:
// <nil> <nil>
// <nil> <nil>
// <nil> <nil>
// <nil> <nil>

// Output:
// context canceled context canceled
// context canceled context canceled
// context canceled context canceled
// context canceled context canceled
