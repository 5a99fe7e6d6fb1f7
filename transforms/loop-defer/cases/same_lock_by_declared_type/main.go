// Case: a sync.Mutex released by a deferred Unlock in a loop, whose fields are declared in another file of the package: `g.mu` (a value field of *guarded) and `s.state.mu` (a value field of a value field), the same lock in every iteration, with only local work after the loop; beside them `g.mu` again where code after the loop still reads under the lock, and `w.cur.mu`, reached through the pointer field cur that the method advance moves to the next node (hand-over-hand locking); expected outcome: the first two fixed safely (the lock is released at the end of the iteration; the loops leave after their first one, as the original would deadlock on a second), the last two get unsafe fixes, not applied; the program prints the same before and after (the first two release their lock at return before, at the end of the iteration after).

package main

import "fmt"

func bumpOnce(g *guarded, rounds int) int {
	n := 0
	for i := 0; i < rounds; i++ {
		g.mu.Lock()
		defer g.mu.Unlock()
		g.bump()
		n++
		if n > 0 {
			break
		}
	}
	return n
}

func tickOnce(s *server, rounds int) int {
	n := 0
	for i := 0; i < rounds; i++ {
		s.state.mu.Lock()
		defer s.state.mu.Unlock()
		s.state.ticks++
		n++
		if n > 0 {
			break
		}
	}
	return n
}

func bumpAndCheck(g *guarded, rounds int) bool {
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

func lockChain(w *walker, first *node, n int) bool {
	for i := 0; i < n; i++ {
		w.cur.mu.Lock()
		defer w.cur.mu.Unlock()
		w.advance()
	}
	return first.mu.TryLock()
}

func main() {
	g := &guarded{}
	fmt.Println(bumpOnce(g, 3), g.n, g.mu.TryLock())
	s := &server{name: "s"}
	fmt.Println(tickOnce(s, 3), s.state.ticks, s.state.mu.TryLock())
	fmt.Println(bumpAndCheck(&guarded{}, 3))
	c := &node{}
	b := &node{next: c}
	a := &node{next: b}
	fmt.Println(lockChain(&walker{cur: a}, a, 3))
}

// Output before fix:
// 1 1 true
// 1 1 true
// false
// false

// Output:
// 1 1 true
// 1 1 true
// false
// false
