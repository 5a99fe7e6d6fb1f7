// Case: `mu.Lock(); defer mu.Unlock()` where mu is declared before the loop and never reassigned in it, of a lock type of the file that counts nested holds (not a sync.Mutex, whose second Lock would deadlock): the original holds every hold until return, and code after the loop reads the count; expected outcome: an unsafe fix (its Lock need not block, so the holds taken together are the program's own business), not applied; the program prints the same before and after.

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
// added 2 holders: 2
// added 3 holders: 3
// after loop, holders: 3 max holders: 3
// sum: 6
