// Case: the stop function of signal.NotifyContext discarded, in main.main and in another function; expected outcome: in main.main fixed safely with `defer stop()` (the process ends when main returns); elsewhere the same fix is unsafe, not applied by default: stopping gives the signals their default behaviour back (an interrupt then ends the process), which code after the function may not expect; go vet does not look at signal.NotifyContext.

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
