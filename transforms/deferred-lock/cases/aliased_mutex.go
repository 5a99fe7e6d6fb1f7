// Case: the mutex is a parameter that aliases a package-level mutex, which a function called after the defer unlocks through that other name, so the deferred Lock is a deliberate hand-back (the function returns holding the lock); and a mutex the function makes itself, which no call can reach; expected outcome: the first fix unsafe, not applied (a safe fix here would unlock an unlocked mutex, a fatal error), the second safe; the program's output is unchanged.

package main

import (
	"fmt"
	"sync"
)

var global sync.Mutex

func release() { global.Unlock() }

// holdOnReturn is called with mu unlocked and returns with it locked.
func holdOnReturn(mu *sync.Mutex) {
	mu.Lock()
	defer mu.Lock()
	release()
}

func own() string {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Lock()
	return fmt.Sprint("made here, ", cap(make([]int, 1)))
}

func main() {
	holdOnReturn(&global)
	fmt.Println("locked on return:", !global.TryLock())
	_ = own
}

// Output before fix:
// locked on return: true

// Output:
// locked on return: true
