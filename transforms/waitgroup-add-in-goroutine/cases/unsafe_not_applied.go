// vet: -waitgroup=false
// Case: fixes resting on what the analysis cannot prove: a WaitGroup whose type is not declared in the file (returned by a function of another package in real code; only its Done call says it is one), a count read from a variable assigned after the go statement, a WaitGroup variable reassigned after the go statement, a count from a package-level variable, a go statement whose argument `items[i]` could panic after the Add, a count `len(ch)` that changes with every send, and a WaitGroup variable assigned before the go statement in a function whose goto runs the assignment again after it; expected outcome: seven unsafe fixes, none applied without --unsafe-fixes.

package main

import "sync"

var batch = 1

func group() interface {
	Add(int)
	Done()
	Wait()
} {
	return &sync.WaitGroup{}
}

func unknownType() {
	wg := group()
	go func() {
		wg.Add(1)
		defer wg.Done()
	}()
	wg.Wait()
}

func countChanges() {
	var wg sync.WaitGroup
	n := 1
	go func() {
		wg.Add(n)
		defer wg.Done()
	}()
	n = 2
	wg.Wait()
}

func reassigned() {
	wg := &sync.WaitGroup{}
	go func() {
		wg.Add(1)
		defer wg.Done()
	}()
	wg.Wait()
	wg = &sync.WaitGroup{}
	wg.Wait()
}

func packageCount() {
	var wg sync.WaitGroup
	go func() {
		wg.Add(batch)
		defer wg.Done()
	}()
	wg.Wait()
}

func argument(items []string, i int) {
	var wg sync.WaitGroup
	go func(s string) {
		wg.Add(1)
		defer wg.Done()
		_ = s
	}(items[i])
	wg.Wait()
}

func channelLength(ch chan int) {
	var wg sync.WaitGroup
	go func() {
		wg.Add(len(ch))
		for i := 0; i < cap(ch); i++ {
			wg.Done()
		}
	}()
	ch <- 1
	wg.Wait()
}

func gotoRounds(wgs []sync.WaitGroup) {
	var wg *sync.WaitGroup
	i := 0
again:
	wg = &wgs[i]
	go func() {
		wg.Add(1)
		defer wg.Done()
	}()
	i++
	if i < len(wgs) {
		goto again
	}
}

func main() {
	_ = countChanges
	_ = reassigned
	_ = packageCount
	_ = unknownType
	_ = argument
	_ = channelLength
	_ = gotoRounds
}
