// Case: a named cancel variable reassigned and never used after the second assignment (go vet: not used on all paths), next to one that is called and one handed to the caller; expected outcome: the second assignment is reported and fixed with `defer cancel()`, the others are not findings.

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

func retry(parent context.Context) {
	ctx, cancel := context.WithTimeout(parent, time.Hour)
	record(ctx)
	cancel()
	ctx, cancel = context.WithTimeout(parent, 2*time.Hour)
	record(ctx)
}

func handed(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	return ctx, cancel
}

func main() {
	retry(context.Background())
	ctx, cancel := handed(context.Background())
	record(ctx)
	for _, ctx := range contexts {
		fmt.Println(ctx.Err())
	}
	cancel()
	fmt.Println(ctx.Err())
}

// Output before fix:
// context canceled
// <nil>
// <nil>
// context canceled

// Output:
// context canceled
// context canceled
// <nil>
// context canceled
