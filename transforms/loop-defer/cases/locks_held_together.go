// Case: loops that take locks meant to be held together until return, found by an adversarial reviewer: the same RWMutex read-locked in every iteration (a read lock taken again does not block, so the reads form one consistent view against writers), and every shard locked through an accessor that returns a pointer into shared storage (`s := get(i)`); expected outcome: both unsafe, not applied; the program prints the same before and after: no writer gets in during the reads, and every shard is held after the loop.

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

func main() {
	fmt.Println(readAll(&store{data: map[string]int{"a": 1, "b": 2}}, []string{"a", "b"}))
	shards[1].n = 5
	fmt.Println(sumAll())
}

// Output before fix:
// 3 false
// 5 0

// Output:
// 3 false
// 5 0
