// Case: `ctx, _ := context.WithCancel(...)` among statements with aligned trailing comments, at function level and in a loop; expected outcome: fixed safely, `_` becomes `cancel` and the comments are re-aligned: at function level the inserted `defer cancel()` splits the run of comments in two, each aligned on its own; in the loop, where `cancel()` goes at the end of the block, the run stays one and moves with the longer line.

package main

import (
	"context"
	"fmt"
)

func work(ctx context.Context, n int) { fmt.Println("work", n, ctx.Err()) }

func run(parent context.Context) {
	a := 1                               // first
	ctx, _ := context.WithCancel(parent) // cancellable
	work(ctx, a)                         // use it
	b := 22                              // after
	fmt.Println(b)
}

func each(parent context.Context, jobs []int) {
	for _, j := range jobs {
		a := j                               // job
		ctx, _ := context.WithCancel(parent) // per job
		work(ctx, a)                         // use it
	}
}

func main() {
	run(context.Background())
	each(context.Background(), []int{1, 2})
}

// Output:
// work 1 <nil>
// 22
// work 1 <nil>
// work 2 <nil>
