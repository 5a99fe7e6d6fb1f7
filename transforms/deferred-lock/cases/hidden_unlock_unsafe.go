// Case: a mutex that a call could unlock before the return, out of the rule's sight: a method called on its owner (here it does unlock, so the deferred Lock is the author's hand-back), a pointer to it taken, and a type declared through embedding (not a sync type by the file's declarations); expected outcome: unsafe fixes, not applied without --unsafe-fixes; the program's output is unchanged.

package main

import (
	"fmt"
	"sync"
)

type worker struct {
	mu    sync.Mutex
	state string
}

func (w *worker) release() { w.mu.Unlock() }

// handOff returns with w.mu held again: release unlocks it and the deferred Lock takes it back.
func (w *worker) handOff() {
	w.mu.Lock()
	defer w.mu.Lock()
	w.state = "handed off"
	w.release()
}

func wait(c *sync.Cond) {
	var mu sync.Mutex
	c.L = &mu
	mu.Lock()
	defer mu.Lock()
}

type guarded struct {
	sync.Mutex
	n int
}

func (g *guarded) inc() int {
	g.Lock()
	defer g.Lock()
	g.n++
	return g.n
}

func main() {
	w := &worker{}
	w.handOff()
	fmt.Println(w.state, "and locked:", !w.mu.TryLock())
	_ = wait
	_ = (&guarded{}).inc
}

// Output before fix:
// handed off and locked: true

// Output:
// handed off and locked: true
