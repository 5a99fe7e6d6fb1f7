// Case: named cancel functions called on some paths only: an early error return before `defer cancel()`, a switch case that forgets it, a select case that returns without it, a labelled `break` that leaves two loops past it; next to functions that call it on every path (if/else, a select without default, paths ending in `panic`, `os.Exit` or `log.Fatal`, a loop that never returns); expected outcome: the first four get `defer cancel()` after the assignment, so that every context is cancelled when its function returns; the others are not findings.

package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
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

func early(parent context.Context, fail bool) error {
	ctx, cancel := context.WithTimeout(parent, time.Hour)
	record(ctx)
	if fail {
		return errors.New("failed")
	}
	defer cancel()
	return nil
}

func pick(parent context.Context, n int) string {
	ctx, cancel := context.WithCancel(parent)
	record(ctx)
	switch n {
	case 0:
		cancel()
		return "zero"
	case 1:
		return "one"
	default:
		cancel()
	}
	return "many"
}

func poll(parent context.Context, ready <-chan struct{}) string {
	ctx, cancel := context.WithCancel(parent)
	record(ctx)
	select {
	case <-ready:
		return "ready"
	default:
		cancel()
		return "not ready"
	}
}

func scan(parent context.Context, rows [][]int) int {
	ctx, cancel := context.WithCancel(parent)
	record(ctx)
	sum := 0
outer:
	for {
		for _, row := range rows {
			for _, v := range row {
				if v == 0 {
					break outer
				}
				sum += v
			}
		}
		cancel()
		return sum
	}
	return -sum
}

// Not findings: every path that returns calls the cancel function.

func both(parent context.Context, ok bool) string {
	ctx, cancel := context.WithCancel(parent)
	record(ctx)
	if ok {
		cancel()
		return "ok"
	} else {
		cancel()
	}
	return "not ok"
}

func either(parent context.Context, a, b <-chan struct{}) string {
	ctx, cancel := context.WithCancel(parent)
	record(ctx)
	select {
	case <-a:
		cancel()
		return "a"
	case <-b:
		cancel()
	}
	return "b"
}

func config(parent context.Context, path string) string {
	ctx, cancel := context.WithTimeout(parent, time.Hour)
	record(ctx)
	switch path {
	case "":
		log.Fatal("no path")
	case "-":
		os.Exit(2)
	case "?":
		panic("which path?")
	}
	cancel()
	return path
}

func serve(parent context.Context, jobs <-chan func(context.Context)) {
	ctx, cancel := context.WithCancel(parent)
	for job := range jobs {
		if job == nil {
			cancel()
			ctx, cancel = context.WithCancel(parent)
			continue
		}
		job(ctx)
	}
	cancel()
	for {
		time.Sleep(time.Hour)
	}
}

func main() {
	bg := context.Background()
	last := func(what string) {
		fmt.Println(what, contexts[len(contexts)-1].Err())
	}
	_ = early(bg, true)
	last("early, failing:")
	_ = early(bg, false)
	last("early, succeeding:")
	pick(bg, 1)
	last("pick one:")
	pick(bg, 2)
	last("pick many:")
	ready := make(chan struct{})
	close(ready)
	poll(bg, ready)
	last("poll, ready:")
	scan(bg, [][]int{{1, 0}})
	last("scan, break:")
	scan(bg, [][]int{{1, 2}})
	last("scan, through:")
	both(bg, true)
	last("both:")
	either(bg, ready, nil)
	last("either:")
	config(bg, "x")
	last("config:")
	_ = serve
}

// Output before fix:
// early, failing: <nil>
// early, succeeding: context canceled
// pick one: <nil>
// pick many: context canceled
// poll, ready: <nil>
// scan, break: <nil>
// scan, through: context canceled
// both: context canceled
// either: context canceled
// config: context canceled

// Output:
// early, failing: context canceled
// early, succeeding: context canceled
// pick one: context canceled
// pick many: context canceled
// poll, ready: context canceled
// scan, break: context canceled
// scan, through: context canceled
// both: context canceled
// either: context canceled
// config: context canceled
