// Known differences between lost-cancel and go vet's lostcancel, one function each. The
// statement that one of them reports ends with a comment saying which ("defer-fix only:" or
// "vet only:") and why; tests/lost_cancel.rs checks that the two disagree exactly there.

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
)

func use(ctx context.Context) {
	_ = ctx
}

// vet analyses only the last assignment of each cancel variable; the first context here is
// lost on the error path.
func reassigned(parent context.Context, fail bool) error {
	ctx, cancel := context.WithCancel(parent) // defer-fix only: vet looks at the last assignment of `cancel` only
	use(ctx)
	if fail {
		return errors.New("failed")
	}
	cancel()
	ctx, cancel = context.WithCancel(parent)
	defer cancel()
	use(ctx)
	return nil
}

func die(msg string) {
	fmt.Println(msg)
	os.Exit(1)
}

// vet knows from die's body that it never returns; defer-fix knows only panic, os.Exit,
// log.Fatal and the like by name. The `defer cancel()` it inserts is harmless.
func helperExits(parent context.Context, ok bool) {
	ctx, cancel := context.WithCancel(parent) // defer-fix only: vet knows that die never returns
	use(ctx)
	if ok {
		cancel()
		return
	}
	die("not ok")
}

// defer-fix matches variables by name: the inner `cancel` is another variable, but its call
// counts as a use.
func shadowed(parent context.Context, fail bool) error {
	ctx, cancel := context.WithCancel(parent) // vet only: the call of the inner `cancel` counts as a use
	use(ctx)
	if fail {
		cancel := func() {}
		cancel()
		return errors.New("failed")
	}
	cancel()
	return nil
}

type checker struct{ failed bool }

func (c *checker) Fatal(msg string) {
	c.failed = true
}

// defer-fix takes any method named Fatal to end the goroutine, as testing.T's and loggers' do;
// this one returns.
func methodNamedFatal(parent context.Context, c *checker) {
	ctx, cancel := context.WithCancel(parent) // vet only: this Fatal method returns
	use(ctx)
	if ctx.Err() != nil {
		c.Fatal("cancelled")
		return
	}
	cancel()
}

func main() {
	bg := context.Background()
	fmt.Println(reassigned(bg, false), shadowed(bg, false))
	helperExits(bg, true)
	methodNamedFatal(bg, &checker{})
}
