// go-version: 1.21
// vet: -waitgroup=false -loopclosure=false
// Case: before Go 1.22 the range variable is one variable for the whole loop, and the goroutine reads the WaitGroup from it when it starts; expected outcome: unsafe fix, not applied (at the go statement it is this iteration's WaitGroup, in the goroutine possibly a later one's).

package main

import "sync"

func each(groups []*sync.WaitGroup) {
	for _, wg := range groups {
		go func() {
			wg.Add(1)
			defer wg.Done()
		}()
	}
}

func main() {
	each(nil)
}
