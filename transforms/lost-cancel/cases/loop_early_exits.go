// Case: contexts derived in loop bodies that the iteration may leave early after making them: `continue`, `break`, `return` of values computed before (an error), a labelled `continue` to an outer loop, `continue` inside a switch and a select (where `break` leaves only the switch or select), a body whose last statement is a jump; expected outcome: fixed safely with `cancel()` on the line before each jump that leaves the block and at its end when the end is reachable, so that every iteration's context is cancelled before the next one starts (no defer in the loop).

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

// grpc-go's polling loops: retry until the state is reached.
func skip(parent context.Context, n int) int {
	done := 0
	for i := 0; i < n; i++ {
		ctx, _ := context.WithCancel(parent)
		record(fmt.Sprint("skip ", i), ctx)
		if i%2 == 0 {
			continue
		}
		if ctx.Err() == nil {
			done++
		}
	}
	return done
}

func first(parent context.Context, want int) (int, error) {
	for i := 0; ; i++ {
		ctx, _ := context.WithTimeout(parent, time.Hour)
		record(fmt.Sprint("first ", i), ctx)
		if i == want {
			break
		}
		if i > want {
			return 0, errors.New("overshot")
		}
	}
	return want, nil
}

func fail(parent context.Context, n int) error {
	var err error
	for i := 0; i < n; i++ {
		ctx, _ := context.WithCancel(parent)
		record(fmt.Sprint("fail ", i), ctx)
		if i == 1 {
			err = fmt.Errorf("attempt %d: %w", i, errors.New("refused"))
			return err
		}
	}
	return nil
}

func grid(parent context.Context, rows, cols int) {
outer:
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			ctx, _ := context.WithCancel(parent)
			record(fmt.Sprint("grid ", r, c), ctx)
			if c == 1 {
				continue outer
			}
		}
	}
}

func events(parent context.Context, kinds []string, ticks chan int) {
	for _, kind := range kinds {
		ctx, _ := context.WithCancel(parent)
		record("event "+kind, ctx)
		switch kind {
		case "skip":
			continue
		case "stop":
			break
		}
		select {
		case <-ticks:
			continue
		default:
			if kind == "late" {
				break
			}
		}
		fmt.Println("event", kind, "handled:", ctx.Err())
	}
}

func last(parent context.Context, n int) {
	for i := 0; i < n; i++ {
		ctx, _ := context.WithCancel(parent)
		record(fmt.Sprint("last ", i), ctx)
		if i < 1 {
			continue
		}
		break
	}
}

func main() {
	bg := context.Background()
	fmt.Println(skip(bg, 2))
	fmt.Println(first(bg, 1))
	fmt.Println(fail(bg, 3))
	grid(bg, 2, 2)
	ticks := make(chan int, 1)
	ticks <- 1
	events(bg, []string{"tick", "skip", "stop", "late"}, ticks)
	last(bg, 3)
	report()
}

// Output before fix:
// 1
// 1 <nil>
// attempt 1: refused
// event stop handled: <nil>
// event late handled: <nil>
// skip 0 <nil>
// skip 1 <nil>
// first 0 <nil>
// first 1 <nil>
// fail 0 <nil>
// fail 1 <nil>
// grid 0 0 <nil>
// grid 0 1 <nil>
// grid 1 0 <nil>
// grid 1 1 <nil>
// event tick <nil>
// event skip <nil>
// event stop <nil>
// event late <nil>
// last 0 <nil>
// last 1 <nil>

// Output:
// 1
// 1 <nil>
// attempt 1: refused
// event stop handled: <nil>
// event late handled: <nil>
// skip 0 context canceled
// skip 1 context canceled
// first 0 context canceled
// first 1 context canceled
// fail 0 context canceled
// fail 1 context canceled
// grid 0 0 context canceled
// grid 0 1 context canceled
// grid 1 0 context canceled
// grid 1 1 context canceled
// event tick context canceled
// event skip context canceled
// event stop context canceled
// event late context canceled
// last 0 context canceled
// last 1 context canceled
