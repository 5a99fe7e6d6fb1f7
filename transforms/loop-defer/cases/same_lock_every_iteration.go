// Case: `mu.Lock(); defer mu.Unlock()` where mu is declared before the loop and never reassigned in it: the same lock is taken again in every iteration (a sync.Mutex deadlocks on the second one; this counting lock shows the nested holds); expected outcome: safe fix, each iteration releases the lock it took.

package main

import "fmt"

// countingLock counts holders instead of blocking, so the unfixed program
// does not deadlock on the second iteration.
type countingLock struct{ holders, maxHolders int }

func (l *countingLock) Lock() {
	l.holders++
	l.maxHolders = max(l.maxHolders, l.holders)
}

func (l *countingLock) Unlock() { l.holders-- }

func update(items []int) int {
	var mu countingLock
	sum := 0
	for _, it := range items {
		mu.Lock()
		defer mu.Unlock()
		sum += it
		fmt.Println("added", it, "holders:", mu.holders)
	}
	fmt.Println("after loop, holders:", mu.holders, "max holders:", mu.maxHolders)
	return sum
}

func main() {
	fmt.Println("sum:", update([]int{1, 2, 3}))
}

// Output before fix:
// added 1 holders: 1
// added 2 holders: 2
// added 3 holders: 3
// after loop, holders: 3 max holders: 3
// sum: 6

// Output:
// added 1 holders: 1
// added 2 holders: 1
// added 3 holders: 1
// after loop, holders: 0 max holders: 1
// sum: 6
