// Case: contexts derived through golang.org/x/net/context (whose types alias the standard library's since Go 1.9), imported as `context` in one file and next to the standard package in another; expected outcome: treated as the standard package: the discarded cancel functions are fixed with `defer cancel()` and the loop's with `cancel()` at the end of the iteration; go vet does not look at x/net/context, defer-fix does.

package main

import (
	stdctx "context"
	"fmt"
	"time"

	"golang.org/x/net/context"
)

// A probe tells whether a recorded context has ended without the program keeping the
// context (which would make cancelling it early a change of behaviour): it holds the stop
// function of an AfterFunc on it and the channel that function closes.
type probe struct {
	name  string
	stop  func() bool
	done  chan struct{}
	asked bool
	live  bool
}

var contexts []*probe

func record(name string, ctx stdctx.Context) {
	done := make(chan struct{})
	contexts = append(contexts, &probe{name: name, stop: stdctx.AfterFunc(ctx, func() { close(done) }), done: done})
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
	return stdctx.Canceled
}

func report() {
	for _, p := range contexts {
		fmt.Println(p.name, p.Err())
	}
	contexts = nil
}

// moby's initClusterSpec: a timeout for one call, the cancel function dropped.
func initClusterSpec(parent context.Context) string {
	ctx, _ := context.WithTimeout(parent, time.Hour) // defer-fix only: vet knows the standard context package only
	record("initClusterSpec", ctx)
	return fmt.Sprint(ctx.Err())
}

// grpc-go's balancer tests: a polling loop deriving a context per attempt.
func poll(parent context.Context, n int) {
	for i := 0; i < n; i++ {
		ctx, _ := context.WithTimeout(parent, time.Hour) // defer-fix only: vet knows the standard context package only
		record(fmt.Sprint("poll ", i), ctx)
	}
}

// Both packages in one file: the standard one keeps its findings.
func both(parent context.Context) {
	ctx, _ := stdctx.WithCancel(parent)
	record("std", ctx)
	var xctx context.Context
	xctx, _ = context.WithDeadline(ctx, time.Now().Add(time.Hour)) // defer-fix only: vet knows the standard context package only
	record("x/net", xctx)
}

func main() {
	fmt.Println(initClusterSpec(context.Background()))
	poll(context.Background(), 2)
	both(context.Background())
	report()
}

// Output before fix:
// <nil>
// initClusterSpec <nil>
// poll 0 <nil>
// poll 1 <nil>
// std <nil>
// x/net <nil>

// Output:
// <nil>
// initClusterSpec context canceled
// poll 0 context canceled
// poll 1 context canceled
// std context canceled
// x/net context canceled
