// Case: pairs that release what they take, a temporary release (`mu.Unlock(); defer mu.Lock()`, re-locking for the caller), a lock and defer with a statement between them, different mutexes, and a Lock method that takes arguments; expected outcome: no findings.

package main

import "sync"

type pool struct {
	mu, other sync.Mutex
	rw        sync.RWMutex
	n         int
}

type fileLock struct{}

func (fileLock) Lock(path string)   {}
func (fileLock) Unlock(path string) {}

func (p *pool) fine() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rw.RLock()
	defer p.rw.RUnlock()
	return p.n
}

// slowPart is called with p.mu held and returns with it held.
func (p *pool) slowPart() {
	p.mu.Unlock()
	defer p.mu.Lock()
}

func (p *pool) notAdjacent() {
	p.mu.Lock()
	p.n++
	defer p.mu.Unlock()
}

func (p *pool) differentMutex() {
	p.mu.Lock()
	defer p.other.Lock()
	p.other.Unlock()
	p.mu.Unlock()
}

func withArguments(l fileLock) {
	l.Lock("a")
	defer l.Lock("a")
}

func main() {
	p := &pool{}
	_ = p.fine()
	p.mu.Lock()
	p.slowPart()
	p.mu.Unlock()
	p.notAdjacent()
	withArguments(fileLock{})
}
