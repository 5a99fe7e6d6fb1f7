// Case: `stop := client.Watch(n); defer stop()` in a loop, and code after the loop that counts the watches (grpc-go's xdsclient tests); expected outcome: unsafe fix, not applied by default: the function value may undo a registration meant to last until return. A context's cancel in the same shape keeps its safe fix.

package main

import (
	"context"
	"fmt"
)

type Client struct{ watches map[string]bool }

// Watch registers a watch and returns the function that cancels it.
func (c *Client) Watch(name string) (cancel func()) {
	c.watches[name] = true
	return func() { delete(c.watches, name) }
}

func (c *Client) Dump() int { return len(c.watches) }

func watchAll(client *Client, names []string) {
	for _, n := range names {
		stop := client.Watch(n)
		defer stop()
		fmt.Println("watching", n)
	}
	fmt.Println("watches:", client.Dump())
}

func withDeadlines(parent context.Context, names []string) {
	for _, n := range names {
		ctx, cancel := context.WithCancel(parent)
		defer cancel()
		fmt.Println("working on", n, ctx.Err())
	}
}

func main() {
	watchAll(&Client{watches: map[string]bool{}}, []string{"a", "b", "c"})
	withDeadlines(context.Background(), []string{"x", "y"})
}

// Output before fix:
// watching a
// watching b
// watching c
// watches: 3
// working on x <nil>
// working on y <nil>

// Output:
// watching a
// watching b
// watching c
// watches: 3
// working on x <nil>
// working on y <nil>
