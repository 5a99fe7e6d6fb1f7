// Case: deferred method st.finish() (same package) calls recover(); per-iteration wrap recovers and loop continues (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import "fmt"

type step struct{ name string }

func (s *step) finish() {
	if r := recover(); r != nil {
		fmt.Println("step", s.name, "aborted:", r)
	}
}

func runAll(steps []*step) (ok bool) {
	for i, s := range steps {
		st := s
		defer st.finish()
		if i == 1 {
			panic("bad step")
		}
		fmt.Println("ran", st.name)
	}
	return true
}

func main() {
	ok := runAll([]*step{{"a"}, {"b"}, {"c"}})
	fmt.Println("ok:", ok)
}

// Output before fix:
// ran a
// step b aborted: bad step
// ok: false

// Output:
// ran a
// step b aborted: bad step
// ok: false
