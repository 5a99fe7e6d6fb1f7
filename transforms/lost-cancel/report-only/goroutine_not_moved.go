// Case: contexts used by a goroutine started with a function literal where moving the cancel into the goroutine is not safe: the function uses the context after the `go` statement, two goroutines share it, it is passed as an argument, the literal is on one line, a path returns before the goroutine starts, the goroutine hands the context on, and a named cancel function called on some paths only; expected outcome: reported, not fixed; the program behaves exactly as before (no context is cancelled).

package main

import (
	"context"
	"fmt"
	"sync"
)

var wg sync.WaitGroup

func usedAfter(parent context.Context) {
	ctx, _ := context.WithCancel(parent)
	wg.Add(1)
	go func() {
		defer wg.Done()
		fmt.Println("used after, in the goroutine:", ctx.Err())
	}()
	wg.Wait()
	fmt.Println("used after, once the goroutine is done:", ctx.Err())
}

func shared(parent context.Context) {
	ctx, _ := context.WithCancel(parent)
	wg.Add(2)
	go func() {
		defer wg.Done()
		fmt.Println("shared:", ctx.Err())
	}()
	go func() {
		defer wg.Done()
		fmt.Println("shared:", ctx.Err())
	}()
	wg.Wait()
}

func argument(parent context.Context) {
	ctx, _ := context.WithCancel(parent)
	wg.Add(1)
	go func(c context.Context) {
		defer wg.Done()
		fmt.Println("argument:", c.Err())
	}(ctx)
	wg.Wait()
}

func oneLine(parent context.Context) {
	ctx, _ := context.WithCancel(parent)
	wg.Add(1)
	go func() { defer wg.Done(); fmt.Println("one line:", ctx.Err()) }()
	wg.Wait()
}

func leavesFirst(parent context.Context, skip bool) {
	ctx, _ := context.WithCancel(parent)
	if skip {
		fmt.Println("leaves first: skipped")
		return
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		fmt.Println("leaves first:", ctx.Err())
	}()
	wg.Wait()
}

func handsOn(parent context.Context, out chan<- context.Context) {
	ctx, _ := context.WithCancel(parent)
	wg.Add(1)
	go func() {
		defer wg.Done()
		out <- ctx
	}()
	wg.Wait()
}

func supervise(parent context.Context, fail bool) error {
	ctx, cancel := context.WithCancel(parent)
	if fail {
		cancel()
		return ctx.Err()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		fmt.Println("supervise:", ctx.Err())
	}()
	wg.Wait()
	return nil
}

func main() {
	bg := context.Background()
	usedAfter(bg)
	shared(bg)
	argument(bg)
	oneLine(bg)
	leavesFirst(bg, true)
	leavesFirst(bg, false)
	out := make(chan context.Context, 1)
	handsOn(bg, out)
	fmt.Println("handed on:", (<-out).Err())
	fmt.Println("supervise, failing:", supervise(bg, true))
	fmt.Println("supervise, succeeding:", supervise(bg, false))
}

// Output:
// used after, in the goroutine: <nil>
// used after, once the goroutine is done: <nil>
// shared: <nil>
// shared: <nil>
// argument: <nil>
// one line: <nil>
// leaves first: skipped
// leaves first: <nil>
// handed on: <nil>
// supervise, failing: context canceled
// supervise: <nil>
// supervise, succeeding: <nil>
