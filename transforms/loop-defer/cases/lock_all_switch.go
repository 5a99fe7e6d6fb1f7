// Case: lock-all over range var via mu := &a.mu, body ends in switch; locks released per iteration (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import (
	"fmt"
	"sync"
)

type acct struct {
	mu  sync.Mutex
	bal int
}

func transferAll(accts []*acct) int {
	sum := 0
	for _, a := range accts {
		mu := &a.mu
		mu.Lock()
		defer mu.Unlock()
		switch {
		case a.bal > 10:
			sum += 10
		default:
			sum += a.bal
		}
	}
	held := 0
	for _, a := range accts {
		if !a.mu.TryLock() {
			held++
		} else {
			a.mu.Unlock()
		}
	}
	fmt.Println("held during transfer:", held)
	return sum
}

func main() {
	fmt.Println(transferAll([]*acct{{bal: 3}, {bal: 20}}))
}

// Output before fix:
// held during transfer: 2
// 13

// Output:
// held during transfer: 2
// 13
