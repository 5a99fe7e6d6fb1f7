// Case: ctx captured by closure passed to registrar onShutdown(...) and ctx passed to s.attach(ctx) which stores it; both cancelled at return (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

// vet: -lostcancel=false

package main

import (
	"context"
	"fmt"
)

var hooks []func()

func onShutdown(f func()) { hooks = append(hooks, f) }

func setup(parent context.Context) {
	ctx, _ := context.WithCancel(parent)
	onShutdown(func() { fmt.Println("shutdown hook ctx:", ctx.Err()) })
}

type server struct{ ctx context.Context }

func (s *server) attach(ctx context.Context) { s.ctx = ctx }

func setup2(s *server) {
	ctx, _ := context.WithCancel(context.Background())
	s.attach(ctx)
}

func main() {
	setup(context.Background())
	s := &server{}
	setup2(s)
	for _, h := range hooks {
		h()
	}
	fmt.Println("server ctx:", s.ctx.Err())
}

// Output before fix:
// shutdown hook ctx: <nil>
// server ctx: <nil>

// Output:
// shutdown hook ctx: <nil>
// server ctx: <nil>
