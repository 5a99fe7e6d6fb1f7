// Case: the cancel function discarded with `_` in the `:=`, `var` and `=` forms, the `=` one in an inner block whose context is used after the block; expected outcome: fixed safely, every context is cancelled when its function returns, not before.

package main

import (
	"context"
	"fmt"
	"time"
)

// A probe tells whether a recorded context has ended without the program keeping the
// context (which would make cancelling it early a change of behaviour): it holds the stop
// function of an AfterFunc on it and the channel that function closes.
type probe struct {
	name string
	stop func() bool
	done chan struct{}
}

var contexts []probe

func record(name string, ctx context.Context) {
	done := make(chan struct{})
	contexts = append(contexts, probe{name, context.AfterFunc(ctx, func() { close(done) }), done})
}

// Err says what the context's Err says: stop reports true while the context is live.
func (p probe) Err() error {
	if p.stop() {
		return nil
	}
	<-p.done
	return context.Canceled
}

func work(ctx context.Context) string {
	return fmt.Sprint(ctx.Err())
}

func fetch(parent context.Context) string {
	ctx, _ := context.WithTimeout(parent, time.Hour) // bounded
	record("fetch", ctx)
	return work(ctx)
}

func declare(parent context.Context) string {
	var ctx, _ = context.WithCancel(parent)
	record("declare", ctx)
	return work(ctx)
}

func inner(parent context.Context, limit bool) string {
	ctx := parent
	if limit {
		// Only sometimes limited.
		ctx, _ = context.WithDeadline(ctx,
			time.Now().Add(time.Hour))
		record("inner", ctx)
	}
	return work(ctx)
}

func main() {
	bg := context.Background()
	fmt.Println("during fetch:", fetch(bg))
	fmt.Println("during declare:", declare(bg))
	fmt.Println("during inner:", inner(bg, true))
	for _, m := range contexts {
		fmt.Println(m.name, "after return:", m.Err())
	}
}

// Output before fix:
// during fetch: <nil>
// during declare: <nil>
// during inner: <nil>
// fetch after return: <nil>
// declare after return: <nil>
// inner after return: <nil>

// Output:
// during fetch: <nil>
// during declare: <nil>
// during inner: <nil>
// fetch after return: context canceled
// declare after return: context canceled
// inner after return: context canceled
