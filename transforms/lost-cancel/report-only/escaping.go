// Case: discarded cancel functions whose contexts outlive the function: returned, returned inside a struct, stored in a field, sent on a channel, passed to a function started with `go` (goroutine literals: goroutine_not_moved.go, and cases/goroutine_owner.go for the ones that are fixed); expected outcome: reported, not fixed; the program behaves exactly as before (every context is still usable after its function returned).

package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

func derive(parent context.Context) context.Context {
	ctx, _ := context.WithTimeout(parent, time.Hour)
	return ctx
}

type session struct {
	ctx context.Context
}

func open(parent context.Context) *session {
	ctx, _ := context.WithCancel(parent)
	return &session{ctx: ctx}
}

func (s *session) restart(parent context.Context) {
	s.ctx, _ = context.WithCancel(parent)
}

func hand(parent context.Context, out chan<- context.Context) {
	ctx, _ := context.WithCancel(parent)
	out <- ctx
}

var wg sync.WaitGroup

func watch(ctx context.Context, start chan struct{}) {
	defer wg.Done()
	<-start
	fmt.Println("goroutine function:", ctx.Err())
}

func spawn(parent context.Context, start chan struct{}) {
	ctx, _ := context.WithCancel(parent)
	wg.Add(1)
	go watch(ctx, start)
}

func main() {
	bg := context.Background()
	fmt.Println("returned:", derive(bg).Err())
	s := open(bg)
	fmt.Println("in a struct:", s.ctx.Err())
	s.restart(bg)
	fmt.Println("in a field:", s.ctx.Err())
	ch := make(chan context.Context, 1)
	hand(bg, ch)
	fmt.Println("sent:", (<-ch).Err())
	start := make(chan struct{})
	spawn(bg, start)
	close(start)
	wg.Wait()
}

// Output:
// returned: <nil>
// in a struct: <nil>
// in a field: <nil>
// sent: <nil>
// goroutine function: <nil>
