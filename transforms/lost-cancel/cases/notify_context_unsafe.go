// Case: the stop functions of signal.NotifyContext of notify_context.go, with --unsafe-fixes; expected outcome: every one fixed with `defer stop()`; the programs behave the same while no signal arrives.

// flags: --unsafe-fixes

package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func serve(parent context.Context) string {
	ctx, _ := signal.NotifyContext(parent, syscall.SIGUSR1) // defer-fix only: vet knows the context package only
	return fmt.Sprint(ctx.Err())
}

func main() {
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt) // defer-fix only: vet knows the context package only
	fmt.Println(ctx.Err(), serve(ctx))
}

// Output:
// <nil> <nil>
