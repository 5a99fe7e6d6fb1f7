// Case: the lock and the defer carry trailing comments aligned in one column, and a slice element's mutex `locks[i]` is the receiver; expected outcome: safe fix, the comment column re-aligned as gofmt aligns it.

package main

import (
	"fmt"
	"sync"
)

var locks = make([]sync.Mutex, 4)

func bump(counts []int, i int) int {
	locks[i].Lock()       // one shard
	defer locks[i].Lock() // released at return
	counts[i]++           // guarded by locks[i]
	return counts[i]
}

func main() {
	counts := make([]int, 4)
	fmt.Println(bump(counts, 2), bump(counts, 2))
}

// Output:
// 1 2
