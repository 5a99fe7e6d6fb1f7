// Case: named cancel variables assigned anew before the earlier function is called, where neither calling it before the reassignment nor deferring it is provably right: in a loop body whose new context is made from the earlier one, a loop that overwrites the variable in every iteration, and an earlier context a goroutine keeps; expected outcome: reported, not fixed; the program behaves exactly as before.

package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

func narrowed(parent context.Context, n int) int {
	live := 0
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithCancel(parent) // defer-fix only: vet looks at the last assignment of `cancel` only
		ctx, cancel = context.WithTimeout(ctx, time.Hour)
		if ctx.Err() == nil {
			live++
		}
		cancel()
	}
	return live
}

func each(parent context.Context, n int) int {
	live := 0
	var cancel context.CancelFunc
	for i := 0; i < n; i++ {
		var ctx context.Context
		ctx, cancel = context.WithCancel(parent) // defer-fix only: vet counts the assignment itself as a use
		if ctx.Err() == nil {
			live++
		}
	}
	cancel()
	return live
}

func watched(parent context.Context, wg *sync.WaitGroup) {
	ctx, cancel := context.WithCancel(parent) // defer-fix only: vet looks at the last assignment of `cancel` only
	wg.Add(1)
	go func(ctx context.Context) {
		defer wg.Done()
		time.Sleep(10 * time.Millisecond)
		fmt.Println("watched, in the goroutine:", ctx.Err())
	}(ctx)
	ctx, cancel = context.WithCancel(parent)
	defer cancel()
	fmt.Println("watched, during:", ctx.Err())
}

func main() {
	bg := context.Background()
	fmt.Println(narrowed(bg, 2), each(bg, 2))
	var wg sync.WaitGroup
	watched(bg, &wg)
	wg.Wait()
}

// Output:
// 2 2
// watched, during: <nil>
// watched, in the goroutine: <nil>
