// Case: the WaitGroup is a field, `defer s.wg.Done()` with `s.wg.Add(1)` and goroutines started from a function literal in the loop; expected outcome: reported (no fix).

package main

import "sync"

type server struct {
	wg    sync.WaitGroup
	conns []string
}

func serve(string) {}

func (s *server) start() {
	defer s.wg.Done()
	for i := 0; i < len(s.conns); i++ {
		s.wg.Add(1)
		go func(c string) {
			serve(c)
		}(s.conns[i])
	}
	s.wg.Wait()
}

func main() {
	s := &server{}
	s.wg.Add(1)
	s.start()
}
