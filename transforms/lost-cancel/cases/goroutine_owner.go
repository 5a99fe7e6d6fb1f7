// Case: a derived context whose cancel function is dropped (discarded with `_`, or a named one never called) and that is used by exactly one goroutine started with a function literal, and by nothing after the `go` statement; once per call, once per loop iteration, and with WithCancelCause; expected outcome: fixed safely by moving ownership into the goroutine (`defer cancel()` as its first statement): each context is still live while its goroutine runs (`<nil>` printed inside it) and cancelled once the goroutine has returned.

package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

var wg sync.WaitGroup

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

func work(parent context.Context) {
	ctx, _ := context.WithTimeout(parent, time.Hour)
	record(ctx)
	wg.Add(1)
	go func() {
		defer wg.Done()
		fmt.Println("work, in the goroutine:", ctx.Err())
	}()
}

func each(parent context.Context, n int) {
	for i := 0; i < n; i++ {
		var ctx context.Context
		ctx, _ = context.WithCancelCause(parent)
		record(ctx)
		wg.Add(1)
		go func() {
			// Every goroutine prints the same line: their order does not matter.
			defer wg.Done()
			fmt.Println("each, in the goroutine:", ctx.Err())
		}()
	}
}

func named(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	cancel()
	ctx, cancel = context.WithTimeout(parent, time.Hour)
	record(ctx)
	wg.Add(1)
	go func() {
		defer wg.Done()
		fmt.Println("named, in the goroutine:", ctx.Err())
	}()
}

func main() {
	bg := context.Background()
	work(bg)
	wg.Wait()
	each(bg, 2)
	wg.Wait()
	named(bg)
	wg.Wait()
	// The goroutine's deferred wg.Done runs before the cancel deferred first, so wait (a
	// second at most) for the cancel to land after wg.Wait returned.
	for _, ctx := range contexts {
		select {
		case <-ctx.done:
		case <-time.After(time.Second):
		}
		fmt.Println("after wg.Wait:", ctx.Err())
	}
}

// Output before fix:
// work, in the goroutine: <nil>
// each, in the goroutine: <nil>
// each, in the goroutine: <nil>
// named, in the goroutine: <nil>
// after wg.Wait: <nil>
// after wg.Wait: <nil>
// after wg.Wait: <nil>
// after wg.Wait: <nil>

// Output:
// work, in the goroutine: <nil>
// each, in the goroutine: <nil>
// each, in the goroutine: <nil>
// named, in the goroutine: <nil>
// after wg.Wait: context canceled
// after wg.Wait: context canceled
// after wg.Wait: context canceled
// after wg.Wait: context canceled
