// Case: a method ranges over a struct field whose element type is declared elsewhere in the file, and a second goroutine of the same iteration shares the copy; expected outcome: fixed safely, `j job` passed as an argument where the literal is called, one `w := w` copy shared where it is not.

package main

import (
	"fmt"
	"sync"
)

type server struct {
	jobs    []job
	workers map[string]*worker
}

type worker struct{ name string }

func (s *server) run() []string {
	out := make([]string, len(s.jobs))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, j := range s.jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out[i] = j.id
		}()
	}
	close(start)
	wg.Wait()
	return out
}

func (s *server) names() {
	for _, w := range s.workers {
		defer later(func() { fmt.Println("worker", w.name) })
		defer later(func() { fmt.Println("again", w.name) })
	}
}

func later(f func()) { f() }

type job struct{ id string }

func main() {
	s := &server{jobs: []job{{"j1"}, {"j2"}}, workers: map[string]*worker{"w": {"w1"}}}
	fmt.Println(s.run())
	s.names()
}

// Output before fix:
// [ j2]
// again w1
// worker w1

// Output:
// [j1 j2]
// again w1
// worker w1
