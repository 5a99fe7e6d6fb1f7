// Case: begin() registers tx globally, commitAll after loop; deferred Rollback now runs before commit (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import "fmt"

type tx struct {
	name      string
	committed bool
}

var pending []*tx

func begin(name string) *tx {
	t := &tx{name: name}
	pending = append(pending, t)
	return t
}

func (t *tx) Rollback() {
	if t.committed {
		return
	}
	fmt.Println("rollback", t.name)
}

func commitAll() {
	for _, t := range pending {
		t.committed = true
		fmt.Println("commit", t.name)
	}
}

func migrate(names []string) {
	for _, name := range names {
		t := begin(name)
		defer t.Rollback()
		fmt.Println("migrated", name)
	}
	commitAll()
}

func main() {
	migrate([]string{"a", "b"})
}

// Output before fix:
// migrated a
// migrated b
// commit a
// commit b

// Output:
// migrated a
// migrated b
// commit a
// commit b
