// Case: loops that take locks meant to be held together until return, found by an adversarial reviewer: the same RWMutex read-locked in every iteration (a read lock taken again does not block, so the reads form one consistent view against writers), every shard locked through an accessor that returns a pointer into shared storage (`s := get(i)`), and one sync.Mutex locked once through one parameter while code after the loop works on another parameter that may be the same value; expected outcome: all three unsafe, not applied; the program prints the same before and after: no writer gets in during the reads, every shard is held after the loop, and the lock is still held where the code after the loop runs.

package main

import (
	"fmt"
	"sync"
)

type store struct {
	mu   sync.RWMutex
	data map[string]int
}

func readAll(st *store, keys []string) (int, bool) {
	total := 0
	for _, k := range keys {
		st.mu.RLock()
		defer st.mu.RUnlock()
		total += st.data[k]
	}
	writer := st.mu.TryLock()
	if writer {
		st.mu.Unlock()
	}
	return total, writer
}

type shard struct {
	mu sync.Mutex
	n  int
}

var shards [3]shard

func get(i int) *shard { return &shards[i] }

func sumAll() (int, int) {
	total := 0
	for i := 0; i < len(shards); i++ {
		s := get(i)
		s.mu.Lock()
		defer s.mu.Unlock()
		total += s.n
	}
	free := 0
	for i := range shards {
		if shards[i].mu.TryLock() {
			free++
			shards[i].mu.Unlock()
		}
	}
	return total, free
}

type counter struct {
	mu sync.Mutex
	n  int
}

func bumpThenCheck(c, other *counter, rounds int) bool {
	for i := 0; i < rounds; i++ {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.n++
		if c.n > 0 {
			break
		}
	}
	return other.mu.TryLock()
}

func main() {
	fmt.Println(readAll(&store{data: map[string]int{"a": 1, "b": 2}}, []string{"a", "b"}))
	shards[1].n = 5
	fmt.Println(sumAll())
	c := &counter{}
	fmt.Println(bumpThenCheck(c, c, 3))
}

// Output before fix:
// 3 false
// 5 0
// false

// Output:
// 3 false
// 5 0
// false
