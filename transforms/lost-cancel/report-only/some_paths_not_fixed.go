// Case: named cancel functions called on some paths only where `defer cancel()` after the assignment is not provably right: inside a loop whose context is kept beyond the iteration (recorded in a global), the context returned on the success path (the caller gets no cancel function), a function that uses `goto`; expected outcome: reported, not fixed; the program behaves exactly as before.

package main

import (
	"context"
	"errors"
	"fmt"
)

var contexts []context.Context

func record(ctx context.Context) {
	contexts = append(contexts, ctx)
}

func attempts(parent context.Context, n int) error {
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithCancel(parent)
		record(ctx)
		if i == 1 {
			return errors.New("second attempt failed")
		}
		cancel()
	}
	return nil
}

func open(parent context.Context, fail bool) (context.Context, error) {
	ctx, cancel := context.WithCancel(parent)
	if fail {
		cancel()
		return nil, errors.New("cannot open")
	}
	return ctx, nil
}

func retries(parent context.Context, n int) int {
	ctx, cancel := context.WithCancel(parent)
	record(ctx)
	tries := 0
again:
	tries++
	if tries < n {
		goto again
	}
	if tries > 2 {
		return tries
	}
	cancel()
	return tries
}

func main() {
	bg := context.Background()
	fmt.Println(attempts(bg, 3))
	_, err := open(bg, true)
	fmt.Println(err)
	ctx, _ := open(bg, false)
	fmt.Println("opened:", ctx.Err())
	fmt.Println(retries(bg, 3))
	for _, ctx := range contexts {
		fmt.Println(ctx.Err())
	}
}

// Output:
// second attempt failed
// cannot open
// opened: <nil>
// 3
// context canceled
// <nil>
// <nil>
