// Case: each iteration locks its own range element and works on it alone, and after the loop only local work runs before every return (issue 13's independent per-iteration locks); expected outcome: an unsafe fix for those (a plain return, and an if with two returns over RLock), since other goroutines holding several of the locks at once would no longer see the loop's work as one step; no fix where the locks may be relied on together: a call after the loop, a body that reads a variable from outside (which may be another element), and locking by index (lock-all).

// flags: --unsafe-fixes

package main

import (
	"fmt"
	"sync"
)

type shard struct {
	mu    sync.RWMutex
	n     int
	items []int
}

func bump(shards []*shard) int {
	total := 0
	for _, s := range shards {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.n++
		s.items = append(s.items, s.n)
		total += s.n
	}
	return total
}

func count(shards []*shard) (total int, err error) {
	for _, s := range shards {
		s.mu.RLock()
		defer s.mu.RUnlock()
		total += len(s.items)
	}
	if total > 100 {
		return total, nil
	}
	total = max(total, 1)
	return
}

func bumpAndReport(shards []*shard) int {
	total := 0
	for _, s := range shards {
		s.mu.Lock()
		defer s.mu.Unlock()
		total += s.n
	}
	report(shards)
	return total
}

// report reads every shard: bumpAndReport relies on holding all their locks.
func report(shards []*shard) {
	for _, s := range shards {
		fmt.Println("shard holds", s.n)
	}
}

func addFrom(shards []*shard, from *shard) int {
	total := 0
	for _, s := range shards {
		s.mu.Lock()
		defer s.mu.Unlock()
		total += from.n
	}
	return total
}

func byIndex(shards []shard) int {
	total := 0
	for i := range shards {
		shards[i].mu.Lock()
		defer shards[i].mu.Unlock()
		total += shards[i].n
	}
	return total
}

func main() {
	shards := []*shard{{}, {}, {}}
	fmt.Println(bump(shards), bump(shards))
	fmt.Println(count(shards))
	fmt.Println(bumpAndReport(shards))
	fmt.Println(addFrom(shards[1:], shards[0]))
	fmt.Println(byIndex(make([]shard, 2)))
	// Each lock was released: taking them again does not block.
	for _, s := range shards {
		s.mu.Lock()
		s.mu.Unlock()
	}
	fmt.Println("all released")
}

// Output before fix:
// 3 6
// 6 <nil>
// shard holds 2
// shard holds 2
// shard holds 2
// 6
// 4
// 0
// all released

// Output:
// 3 6
// 6 <nil>
// shard holds 2
// shard holds 2
// shard holds 2
// 6
// 4
// 0
// all released
