// Case: a named cancel variable assigned anew before the first cancel function is called (etcd's tests: `ctx, cancel = context.WithTimeout(...)` for the next request); expected outcome: where nothing can use the earlier context after the reassignment, `cancel()` on the line before it (also in a loop body, and for `ctx2, cancel :=` in the same block); where the new context is made from the earlier one, or a copy of it or a stream made with it is used afterwards, `defer cancel()` after the first assignment instead, so that the earlier context lives until the function returns; go vet looks only at the last assignment of each variable.

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
	name  string
	stop  func() bool
	done  chan struct{}
	asked bool
	live  bool
}

var contexts []*probe

func record(name string, ctx context.Context) {
	done := make(chan struct{})
	contexts = append(contexts, &probe{name: name, stop: context.AfterFunc(ctx, func() { close(done) }), done: done})
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

func report() {
	for _, p := range contexts {
		fmt.Println(p.name, p.Err())
	}
	contexts = nil
}

// etcd's pattern: one timeout per request, the variable reused for the next.
func requests(parent context.Context) {
	ctx, cancel := context.WithTimeout(parent, time.Hour) // defer-fix only: vet looks at the last assignment of `cancel` only
	record("first request", ctx)
	ctx, cancel = context.WithTimeout(parent, time.Hour)
	record("second request", ctx)
	fmt.Println("second request, during:", ctx.Err())
	cancel()
}

// The new context is made from the earlier one: cancelling that first would cancel both.
func derived(parent context.Context) {
	ctx, cancel := context.WithCancel(parent) // defer-fix only: vet looks at the last assignment of `cancel` only
	record("parent", ctx)
	ctx, cancel = context.WithTimeout(ctx, time.Hour)
	defer cancel()
	fmt.Println("derived, during:", ctx.Err())
}

// A copy of the earlier context is used after the reassignment.
func copied(parent context.Context) {
	ctx, cancel := context.WithCancel(parent) // defer-fix only: vet looks at the last assignment of `cancel` only
	first := ctx
	ctx, cancel = context.WithCancel(parent)
	defer cancel()
	record("copied", first)
	fmt.Println("copied, during:", first.Err(), ctx.Err())
}

// watch stands for a call the analysis cannot see into that makes something bound to the
// context it is given (a stream, rows, a response body).
var watch = func(ctx context.Context) func() string {
	return func() string { return fmt.Sprint("event, stream ", ctx.Err()) }
}

// A stream made with the earlier context is read after the reassignment.
func streamed(parent context.Context) {
	ctx, cancel := context.WithCancel(parent) // defer-fix only: vet looks at the last assignment of `cancel` only
	record("streamed", ctx)
	next := watch(ctx)
	ctx, cancel = context.WithCancel(parent)
	defer cancel()
	fmt.Println("streamed:", next(), ctx.Err())
}

// In a loop body: each iteration's first context is cancelled before its second is made.
func attempts(parent context.Context, n int) {
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithTimeout(parent, time.Hour) // defer-fix only: vet looks at the last assignment of `cancel` only
		record(fmt.Sprint("attempt ", i, " probe"), ctx)
		ctx2, cancel := context.WithTimeout(parent, time.Hour)
		record(fmt.Sprint("attempt ", i, " call"), ctx2)
		fmt.Println("attempt", i, "during:", ctx2.Err())
		cancel()
	}
}

func main() {
	bg := context.Background()
	requests(bg)
	derived(bg)
	copied(bg)
	streamed(bg)
	attempts(bg, 2)
	report()
}

// Output before fix:
// second request, during: <nil>
// derived, during: <nil>
// copied, during: <nil> <nil>
// streamed: event, stream <nil> <nil>
// attempt 0 during: <nil>
// attempt 1 during: <nil>
// first request <nil>
// second request context canceled
// parent <nil>
// copied <nil>
// streamed <nil>
// attempt 0 probe <nil>
// attempt 0 call context canceled
// attempt 1 probe <nil>
// attempt 1 call context canceled

// Output:
// second request, during: <nil>
// derived, during: <nil>
// copied, during: <nil> <nil>
// streamed: event, stream <nil> <nil>
// attempt 0 during: <nil>
// attempt 1 during: <nil>
// first request context canceled
// second request context canceled
// parent context canceled
// copied context canceled
// streamed context canceled
// attempt 0 probe context canceled
// attempt 0 call context canceled
// attempt 1 probe context canceled
// attempt 1 call context canceled
