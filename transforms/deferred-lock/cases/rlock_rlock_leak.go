// Case: `mu.RLock(); defer mu.RLock()` on a package-level sync.RWMutex, with nothing between the lock and the return that could unlock it; expected outcome: safe fix, `defer mu.RUnlock()`; the program shows the read locks left behind before the fix.

package main

import (
	"fmt"
	"sync"
)

var (
	mu     sync.RWMutex
	config = map[string]string{"mode": "fast"}
)

func setting(k string) string {
	mu.RLock()
	defer mu.RLock()
	return config[k]
}

func main() {
	fmt.Println(setting("mode"))
	if mu.TryLock() {
		fmt.Println("a writer can lock the config")
	} else {
		fmt.Println("writers are locked out")
	}
}

// Output before fix:
// fast
// writers are locked out

// Output:
// fast
// a writer can lock the config
