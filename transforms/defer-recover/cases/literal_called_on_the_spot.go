// Case: `recover()` inside a function literal that is called on the spot (inside a deferred literal) or started as a goroutine; expected outcome: report only (recover returns nil there), no fix.

package main

import (
	"fmt"
	"sync"
)

func handle() {
	defer func() {
		func() {
			if r := recover(); r != nil {
				fmt.Println("handled:", r)
			}
		}()
	}()
	panic("bad request")
}

func background(wg *sync.WaitGroup) {
	go func() {
		defer wg.Done()
		fmt.Println("background: recover gives", recover())
	}()
}

func run() {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("the panic reached the caller:", r)
		}
	}()
	handle()
}

func main() {
	run()
	var wg sync.WaitGroup
	wg.Add(1)
	background(&wg)
	wg.Wait()
}

// Output before fix:
// the panic reached the caller: bad request
// background: recover gives <nil>

// Output:
// the panic reached the caller: bad request
// background: recover gives <nil>
