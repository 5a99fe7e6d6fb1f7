// Case: a timeout context whose cancel is discarded on purpose because a call keeps the context beyond the function, found by an adversarial reviewer: context.AfterFunc registers a reminder that runs when the timeout expires, and exec.CommandContext starts a process that the context would kill; expected outcome: both reported without a fix (a deferred cancel would run the reminder at once and kill the started process at return); the program prints the same before and after: the hour-long reminder never fires.

// vet: -lostcancel=false

package main

import (
	"context"
	"fmt"
	"os/exec"
	"sync"
	"time"
)

var printed sync.WaitGroup

// remind prints msg once d has passed.
func remind(d time.Duration, msg string) {
	ctx, _ := context.WithTimeout(context.Background(), d)
	printed.Add(1)
	context.AfterFunc(ctx, func() {
		defer printed.Done()
		fmt.Println(msg)
	})
}

// spawn starts a background job with a deadline; the job outlives the call.
func spawn(script string) error {
	ctx, _ := context.WithTimeout(context.Background(), time.Minute)
	return exec.CommandContext(ctx, "sh", "-c", script).Start()
}

func main() {
	remind(time.Hour, "an hour has passed")
	remind(time.Millisecond, "a millisecond has passed")
	done := make(chan struct{})
	go func() {
		time.Sleep(100 * time.Millisecond)
		close(done)
	}()
	<-done
	fmt.Println("exit")
	_ = spawn
}

// Output before fix:
// a millisecond has passed
// exit

// Output:
// a millisecond has passed
// exit
