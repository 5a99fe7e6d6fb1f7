// Case: the Cause variants: WithCancelCause, whose cancel function takes a cause, and WithTimeoutCause / WithDeadlineCause, whose cancel function does not; expected outcome: fixed safely with `defer cancel(nil)` for WithCancelCause and `defer cancel()` for the others.

package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// A probe tells whether a recorded context has ended without the program keeping the
// context (which would make cancelling it early a change of behaviour): it holds the stop
// function of an AfterFunc on it and the channel that function closes.
type probe struct {
	stop  func() bool
	done  chan struct{}
	asked bool
	live  bool
}

var contexts []*probe

func record(ctx context.Context) {
	done := make(chan struct{})
	contexts = append(contexts, &probe{stop: context.AfterFunc(ctx, func() { close(done) }), done: done})
}

// Err says what the context's Err said when first asked: stop reports true while the
// context is live (and disarms the probe, so a live answer is kept).
func (p *probe) Err() error {
	if !p.asked {
		p.asked, p.live = true, p.stop()
	}
	if p.live {
		return nil
	}
	<-p.done
	return context.Canceled
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
		fmt.Println(ctx.Err())
	}
}

// Output before fix:
// <nil>
// <nil>
// <nil>
// <nil>

// Output:
// context canceled
// context canceled
// context canceled
// context canceled
