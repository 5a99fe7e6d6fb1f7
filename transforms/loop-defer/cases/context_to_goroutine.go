// Case: each iteration derives a context, defers its cancel, and hands the context to a goroutine that outlives the iteration (net/dial.go's fallback racer); expected outcome: report only, since cancelling at the end of the iteration would stop the goroutine's work.

package main

import (
	"context"
	"fmt"
)

func startAll(parent context.Context, names []string, release chan struct{}, results chan string) {
	for _, name := range names {
		ctx, cancel := context.WithCancel(parent)
		defer cancel()
		go func(name string) {
			<-release
			results <- fmt.Sprintf("%s: %v", name, ctx.Err())
		}(name)
		fmt.Println("started", name)
	}
	close(release)
	for range names {
		fmt.Println(<-results)
	}
}

func main() {
	results := make(chan string)
	startAll(context.Background(), []string{"a"}, make(chan struct{}), results)
}

// Output before fix:
// started a
// a: <nil>

// Output:
// started a
// a: <nil>
