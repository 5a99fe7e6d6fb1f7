// Case: a derived context whose cancel function is dropped (discarded with `_`, or a named one never called) and that is used by exactly one goroutine started with a function literal, and by nothing after the `go` statement; once per call, once per loop iteration, and with WithCancelCause; expected outcome: fixed safely by moving ownership into the goroutine (`defer cancel()` as its first statement): each context is still live while its goroutine runs (`<nil>` printed inside it) and cancelled once the goroutine has returned.

package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

var (
	wg       sync.WaitGroup
	contexts []context.Context
)

func record(ctx context.Context) {
	contexts = append(contexts, ctx)
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
	wait, stop := context.WithTimeout(bg, time.Second)
	defer stop()
	for _, ctx := range contexts {
		select {
		case <-ctx.Done():
		case <-wait.Done():
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
