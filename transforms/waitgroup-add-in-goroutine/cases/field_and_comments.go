// Case: the WaitGroup is a field of a struct the file declares (`s.wg`), the Add has a comment line above it and a trailing comment, a blank line follows it, and the go statement passes arguments that are plain names; expected outcome: safe fix, the comments move with the Add and the blank line goes.

package main

import (
	"fmt"
	"runtime"
	"sync"
)

type server struct {
	wg      sync.WaitGroup
	mu      sync.Mutex
	handled []string
}

func (s *server) serve(conns []string) {
	for _, c := range conns {
		name := c
		go func(conn string) {
			// Count the connection.
			s.wg.Add(1) // Done below

			defer s.wg.Done()
			s.mu.Lock()
			defer s.mu.Unlock()
			s.handled = append(s.handled, conn)
		}(name)
	}
	s.wg.Wait()
}

func main() {
	runtime.GOMAXPROCS(1)
	s := &server{}
	s.serve([]string{"a", "b"})
	fmt.Println(len(s.handled), "handled")
}

// Output before fix:
// 0 handled

// Output:
// 2 handled
