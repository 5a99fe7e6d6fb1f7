// Case: a per-iteration context whose stream (`client.Watch(ctx)`) is stored in a slice used after the loop (etcd's watch tests); expected outcome: no fix: Watch's body, read from the file, returns a value holding the context itself, so cancelling each context at the end of its iteration would end its stream (when the callee's body is not in the file, the same code gets an unsafe fix, since the syntax cannot tell a stream from data).

package main

import (
	"context"
	"fmt"
	"time"
)

type Stream struct{ ctx context.Context }

// Recv fails once the stream's context is done, as a gRPC stream does.
func (s *Stream) Recv() error { return s.ctx.Err() }

type Client struct{}

// Watch opens a stream that lives as long as ctx.
func (c *Client) Watch(ctx context.Context) *Stream { return &Stream{ctx} }

func main() {
	client := &Client{}
	streams := make([]*Stream, 3)
	for i := range streams {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		streams[i] = client.Watch(ctx)
	}
	for _, s := range streams {
		fmt.Println(s.Recv())
	}
}

// Output before fix:
// <nil>
// <nil>
// <nil>

// Output:
// <nil>
// <nil>
// <nil>
