// Case: a named cancel variable reassigned and never used after the second assignment (go vet: not used on all paths), next to one that is called and one handed to the caller; expected outcome: the second assignment is reported and fixed with `defer cancel()`, the others are not findings.

package main

import (
	"context"
	"fmt"
	"time"
)

var contexts []context.Context

func record(ctx context.Context) {
	contexts = append(contexts, ctx)
}

func retry(parent context.Context) {
	ctx, cancel := context.WithTimeout(parent, time.Hour)
	record(ctx)
	cancel()
	ctx, cancel = context.WithTimeout(parent, 2*time.Hour)
	record(ctx)
}

func handed(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	return ctx, cancel
}

func main() {
	retry(context.Background())
	ctx, cancel := handed(context.Background())
	record(ctx)
	for _, ctx := range contexts {
		fmt.Println(ctx.Err())
	}
	cancel()
	fmt.Println(ctx.Err())
}

// Output before fix:
// context canceled
// <nil>
// <nil>
// context canceled

// Output:
// context canceled
// context canceled
// <nil>
// context canceled
