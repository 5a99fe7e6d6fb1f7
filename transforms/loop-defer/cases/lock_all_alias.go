// Case: deliberate lock-all via body-local alias l := &shards[i].mu; fix releases each lock per iteration (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import (
	"fmt"
	"sync"
)

type shard struct {
	mu sync.Mutex
	n  int
}

var shards = make([]shard, 3)

// snapshot locks every shard and keeps them locked until it returns,
// so the total is consistent.
func snapshot() int {
	total := 0
	for i := range shards {
		l := &shards[i].mu
		l.Lock()
		defer l.Unlock()
		total += shards[i].n
	}
	// while snapshot runs, no shard may be locked by anyone else
	for i := range shards {
		if shards[i].mu.TryLock() {
			fmt.Println("shard", i, "was free during snapshot")
			shards[i].mu.Unlock()
		}
	}
	return total
}

func main() {
	shards[1].n = 5
	fmt.Println("total", snapshot())
}

// Output before fix:
// total 5

// Output:
// total 5
