// vet: -waitgroup=false
// Case: the Add reads the goroutine's parameters: the count is a parameter (`go func(n int) { wg.Add(n) ... }(len(jobs))`) and the WaitGroup is one (`go func(wg *sync.WaitGroup) { wg.Add(1) ... }(group)`); expected outcome: two findings, no fix (moving the Add needs the go statement's argument written out).

package main

import "sync"

func run(jobs []string) {
	var wg sync.WaitGroup
	go func(n int) {
		wg.Add(n)
		defer wg.Add(-n)
		_ = jobs
	}(len(jobs))
	wg.Wait()
}

func runWith(group *sync.WaitGroup) {
	go func(wg *sync.WaitGroup) {
		wg.Add(1)
		defer wg.Done()
	}(group)
	group.Wait()
}

func main() {
	run(nil)
	runWith(&sync.WaitGroup{})
}
