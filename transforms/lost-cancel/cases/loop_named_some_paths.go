// Case: a named cancel function in a loop body, called at the end of the iteration but not on the ways out before it (etcd's election observer before its fix: `return` from inside nested loops and a select); expected outcome: fixed safely with `cancel()` before each jump that leaves the block without it (not before one the code already cancels on), as the maintainers fixed it by hand.

package main

import (
	"context"
	"fmt"
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

func observe(parent context.Context, rounds [][]string, quit chan struct{}) []string {
	var seen []string
	for r, events := range rounds {
		cctx, cancel := context.WithCancel(parent)
		record(fmt.Sprint("round ", r), cctx)
		for _, ev := range events {
			if ev == "deleted" {
				break
			}
			if ev == "stop" {
				return seen
			}
			if ev == "fail" {
				cancel()
				return nil
			}
			select {
			case <-quit:
				return seen
			default:
			}
			seen = append(seen, ev)
		}
		cancel()
	}
	return seen
}

func main() {
	quit := make(chan struct{})
	fmt.Println(observe(context.Background(), [][]string{{"a", "deleted", "x"}, {"b", "stop"}}, quit))
	fmt.Println(observe(context.Background(), [][]string{{"c", "fail"}}, quit))
	close(quit)
	fmt.Println(observe(context.Background(), [][]string{{"d"}}, quit))
	report()
}

// Output before fix:
// [a b]
// []
// []
// round 0 context canceled
// round 1 <nil>
// round 0 context canceled
// round 0 <nil>

// Output:
// [a b]
// []
// []
// round 0 context canceled
// round 1 context canceled
// round 0 context canceled
// round 0 context canceled
