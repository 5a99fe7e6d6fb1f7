// Case: the outer defer balances an Add of the caller while each goroutine calls Done itself (in a literal, through &wg, in a file-level function using a package WaitGroup), a goroutine method that cannot be seen, different receivers, and a loop without go statements; expected outcome: no findings.

package main

import "sync"

var global sync.WaitGroup

func work(wg *sync.WaitGroup) { defer wg.Done() }

func globalWork() { defer global.Done() }

type pool struct{ wg sync.WaitGroup }

func (p *pool) run() {}

func literal(wg *sync.WaitGroup, n int) {
	defer wg.Done()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
		}()
	}
}

func passed(wg *sync.WaitGroup, n int) {
	defer wg.Done()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go work(wg)
	}
}

func fileLevel(n int) {
	defer global.Done()
	for i := 0; i < n; i++ {
		global.Add(1)
		go globalWork()
	}
}

func method(p *pool, n int) {
	defer p.wg.Done()
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go p.run()
	}
}

func otherReceiver(outer, inner *sync.WaitGroup, n int) {
	defer outer.Done()
	for i := 0; i < n; i++ {
		inner.Add(1)
		go func() {}()
	}
}

func noGoroutines(wg *sync.WaitGroup, n int) {
	defer wg.Done()
	for i := 0; i < n; i++ {
		wg.Add(1)
	}
}

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go literal(&wg, 2)
	go passed(&wg, 2)
	global.Add(1)
	go fileLevel(2)
	wg.Wait()
	global.Wait()
	_ = method
	_ = otherReceiver
	_ = noGoroutines
}
