// Case: a lock released by a deferred Unlock in a loop, whose fields are declared in another file of the package: `g.mu` (a value field of *guarded), `s.state.mu` (a value field of a value field), both the same lock in every iteration, and `w.cur.mu`, reached through the pointer field cur that the method advance moves to the next node (hand-over-hand locking); expected outcome: the first two fixed safely (the lock is released at the end of the iteration; the loops leave after their first one, as the original would deadlock on a second), the third gets an unsafe fix, not applied; the program shows the first two locks are free after their loops now, and the chain's first lock still held.

package main

import "fmt"

func bumpOnce(g *guarded, rounds int) bool {
	for i := 0; i < rounds; i++ {
		g.mu.Lock()
		defer g.mu.Unlock()
		g.bump()
		if g.n > 0 {
			break
		}
	}
	return g.mu.TryLock()
}

func tickOnce(s *server, rounds int) bool {
	for i := 0; i < rounds; i++ {
		s.state.mu.Lock()
		defer s.state.mu.Unlock()
		s.state.ticks++
		if s.state.ticks > 0 {
			break
		}
	}
	return s.state.mu.TryLock()
}

func lockChain(w *walker, first *node, n int) bool {
	for i := 0; i < n; i++ {
		w.cur.mu.Lock()
		defer w.cur.mu.Unlock()
		w.advance()
	}
	return first.mu.TryLock()
}

func main() {
	fmt.Println(bumpOnce(&guarded{}, 3))
	fmt.Println(tickOnce(&server{name: "s"}, 3))
	c := &node{}
	b := &node{next: c}
	a := &node{next: b}
	fmt.Println(lockChain(&walker{cur: a}, a, 3))
}

// Output before fix:
// false
// false
// false

// Output:
// true
// true
// false
