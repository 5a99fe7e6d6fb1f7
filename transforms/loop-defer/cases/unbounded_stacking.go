// Case: loop bodies whose last statement is the `defer` (elsewhere a deliberate stack of cleanups held until return), in loops whose iterations have no bound: nothing leaves them, and they range over a channel (a parameter, a `make(chan ...)`) or are `for { ... }` (os.Exit is no way out); next to the same shapes that stay exempt: a range over a ticker's C and a `for` with a `break` (bounded by what leaves them), a range over a slice; expected outcome: the unbounded ones are reported and not fixed (running each deferred call at the end of its iteration would release at once what the iteration holds), as staticcheck's SA9001 and SA5003 report them; the others are not findings.

package main

import (
	"fmt"
	"os"
	"sync"
	"time"
)

type lock struct {
	name string
	mu   sync.Mutex
}

func holdAll(ch <-chan *lock) {
	for l := range ch {
		l.mu.Lock()
		defer l.mu.Unlock()
	}
	fmt.Println("held every lock received")
}

func holdMade(locks []*lock) {
	ch := make(chan *lock, len(locks))
	for _, l := range locks {
		ch <- l
	}
	close(ch)
	for l := range ch {
		l.mu.Lock()
		defer fmt.Println("released", l.name)
	}
	fmt.Println("held", len(locks))
}

func ticks(n int) {
	ticker := time.NewTicker(time.Millisecond)
	defer ticker.Stop()
	seen := 0
	for range ticker.C {
		seen++
		if seen == n {
			break
		}
		defer fmt.Println("tick", seen)
	}
}

func bounded(locks []*lock) {
	for _, l := range locks {
		l.mu.Lock()
		defer l.mu.Unlock()
	}
	i := 0
	for {
		if i == len(locks) {
			break
		}
		i++
		defer fmt.Println("bounded", i)
	}
}

func forever(locks []*lock) {
	i := 0
	for {
		if i == len(locks) {
			fmt.Println("held", i, "and exiting")
			os.Exit(0)
		}
		locks[i].mu.Lock()
		i++
		defer locks[i-1].mu.Unlock()
	}
}

func main() {
	ch := make(chan *lock, 2)
	ch <- &lock{name: "a"}
	ch <- &lock{name: "b"}
	close(ch)
	holdAll(ch)
	holdMade([]*lock{{name: "c"}, {name: "d"}})
	ticks(3)
	bounded([]*lock{{name: "e"}})
	forever([]*lock{{name: "f"}, {name: "g"}})
}

// Output:
// held every lock received
// held 2
// released d
// released c
// tick 2
// tick 1
// bounded 1
// held 2 and exiting
