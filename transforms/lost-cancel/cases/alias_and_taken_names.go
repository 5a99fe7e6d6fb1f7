// Case: `context` imported as `stdctx`, a variable already named `cancel` in the function, two discards in one function, and a discard in a function literal; expected outcome: fixed safely with fresh names (`cancel2`, `cancel3`), each context cancelled when its own function returns.

package main

import (
	stdctx "context"
	"fmt"
	"sort"
	"time"
)

var cancelled = make(chan string, 8)

// record reports the context's end without keeping the context itself.
func record(name string, ctx stdctx.Context) {
	stdctx.AfterFunc(ctx, func() { cancelled <- name })
}

type job struct{ cancel func() }

func run(parent stdctx.Context, j job) {
	cancel := j.cancel
	ctx, _ := stdctx.WithTimeout(parent, time.Hour)
	record("run", ctx)
	sub, _ := stdctx.WithCancel(ctx)
	record("run/sub", sub)
	cancel()
}

func literal(parent stdctx.Context) {
	f := func() {
		ctx, _ := stdctx.WithCancel(parent)
		record("literal", ctx)
	}
	f()
}

func main() {
	run(stdctx.Background(), job{cancel: func() { fmt.Println("job cancelled") }})
	literal(stdctx.Background())
	var names []string
	timeout := time.After(200 * time.Millisecond)
	for len(names) < 3 {
		select {
		case n := <-cancelled:
			names = append(names, n)
			continue
		case <-timeout:
		}
		break
	}
	sort.Strings(names)
	fmt.Println("cancelled:", names)
}

// Output before fix:
// job cancelled
// cancelled: []

// Output:
// job cancelled
// cancelled: [literal run run/sub]
