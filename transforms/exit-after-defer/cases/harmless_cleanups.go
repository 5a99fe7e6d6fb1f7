// Case: exits after defers whose work the end of the process does itself: a context's cancel, closing a file written without a buffer, a connection, unlocking a mutex, wg.Done, closing a channel, restoring an environment variable, and a method of the file's own type that only prints; expected outcome: no findings, since exiting loses nothing these would do.

package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"os"
	"sync"
)

type tracker struct{ name string }

func (t *tracker) Close() { fmt.Println("closed", t.name) }

func serve(ctx context.Context, conn net.Conn) error { return ctx.Err() }

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f, err := os.Create(os.DevNull)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	conn, err := net.Dial("tcp", "127.0.0.1:1")
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
	var wg sync.WaitGroup
	wg.Add(1)
	defer wg.Done()
	done := make(chan struct{})
	defer close(done)
	defer os.Unsetenv("STAGE")
	t := &tracker{name: "main"}
	defer t.Close()
	if err := serve(ctx, conn); err != nil {
		log.Fatalf("serve: %v", err)
	}
	os.Exit(0)
}
