// Case: a loop that derives a context per iteration and drops its cancel function; expected outcome: fixed safely by cancelling at the end of each iteration, so each context is cancelled before the next iteration starts (no defer in the loop); in an `if` block of the body, at the end of that block; a `continue` before the call and loops nested after it do not matter.

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

func poll(parent context.Context, n int) {
	for i := 0; i < n; i++ {
		ctx, _ := context.WithTimeout(parent, time.Hour)
		record(ctx)
		if len(contexts) > 1 {
			fmt.Println("iteration", i, "previous:", contexts[len(contexts)-2].Err())
		}
		fmt.Println("iteration", i, "current:", ctx.Err())
	}
}

func retry(parent context.Context, n int) {
	for i := 0; i < n; i++ {
		if i == 0 {
			continue
		}
		if i%2 == 1 {
			ctx, _ := context.WithCancel(parent)
			record(ctx)
			for j := 0; j < 3; j++ {
				if j == 1 {
					break
				}
			}
		}
		fmt.Println("retry", i, "latest:", contexts[len(contexts)-1].Err())
	}
}

func main() {
	poll(context.Background(), 3)
	retry(context.Background(), 3)
}

// Output before fix:
// iteration 0 current: <nil>
// iteration 1 previous: <nil>
// iteration 1 current: <nil>
// iteration 2 previous: <nil>
// iteration 2 current: <nil>
// retry 1 latest: <nil>
// retry 2 latest: <nil>

// Output:
// iteration 0 current: <nil>
// iteration 1 previous: context canceled
// iteration 1 current: <nil>
// iteration 2 previous: context canceled
// iteration 2 current: <nil>
// retry 1 latest: context canceled
// retry 2 latest: context canceled
