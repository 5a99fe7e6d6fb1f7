// Case: `context` imported as `stdctx`, a variable already named `cancel` in the function, two discards in one function, and a discard in a function literal; expected outcome: fixed safely with fresh names (`cancel2`, `cancel3`), each context cancelled when its own function returns.

package main

import (
	stdctx "context"
	"fmt"
	"time"
)

var contexts []stdctx.Context

func record(ctx stdctx.Context) {
	contexts = append(contexts, ctx)
}

type job struct{ cancel func() }

func run(parent stdctx.Context, j job) {
	cancel := j.cancel
	ctx, _ := stdctx.WithTimeout(parent, time.Hour)
	record(ctx)
	sub, _ := stdctx.WithCancel(ctx)
	record(sub)
	cancel()
}

func literal(parent stdctx.Context) {
	f := func() {
		ctx, _ := stdctx.WithCancel(parent)
		record(ctx)
	}
	f()
	fmt.Println("literal returned:", contexts[len(contexts)-1].Err())
}

func main() {
	run(stdctx.Background(), job{cancel: func() { fmt.Println("job cancelled") }})
	literal(stdctx.Background())
	for _, ctx := range contexts {
		fmt.Println(ctx.Err())
	}
}

// Output before fix:
// job cancelled
// literal returned: <nil>
// <nil>
// <nil>
// <nil>

// Output:
// job cancelled
// literal returned: context canceled
// context canceled
// context canceled
// context canceled
