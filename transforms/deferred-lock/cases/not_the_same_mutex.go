// Case: pairs the fix cannot prove: a receiver that is a call (`shard(k).Lock()`, evaluated twice, may give another mutex), a mutex unlocked again later in the function (a deliberate hand-back or a mix-up) or earlier in a loop around the pair or before a goto back (the next round runs it after), and `RLock(); defer Unlock()` (or `defer Lock()`) in methods that write the struct under the read lock, directly or through a function literal written before the lock (the lock line may be the typo); expected outcome: seven findings, no fix.

package main

import "sync"

type store struct {
	mu     sync.RWMutex
	shards [4]sync.Mutex
	hits   int
}

func (s *store) shard(k int) *sync.Mutex { return &s.shards[k%4] }

func (s *store) viaCall(k int) {
	s.shard(k).Lock()
	defer s.shard(k).Lock()
}

func (s *store) relockedOnReturn() {
	s.mu.Lock()
	defer s.mu.Lock()
	s.hits = 0
	s.mu.Unlock()
}

func (s *store) countHit() {
	s.mu.RLock()
	defer s.mu.Unlock()
	s.hits++
}

func (s *store) hitThroughLiteral() {
	count := func() { s.hits++ }
	s.mu.RLock()
	defer s.mu.Unlock()
	count()
}

func (s *store) lockAfterReadLock() {
	s.mu.RLock()
	defer s.mu.Lock()
	s.hits--
}

// eachRound is called with s.mu held; every round gives it up before taking it again.
func (s *store) eachRound(rounds int) {
	for i := 0; i < rounds; i++ {
		s.mu.Unlock()
		s.mu.Lock()
		defer s.mu.Lock()
	}
}

// gotoRounds does the same with a goto.
func (s *store) gotoRounds(rounds int) {
	i := 0
again:
	s.mu.Unlock()
	s.mu.Lock()
	defer s.mu.Lock()
	i++
	if i < rounds {
		goto again
	}
}

func main() {
	s := &store{}
	_ = s.viaCall
	_ = s.relockedOnReturn
	_ = s.countHit
	_ = s.hitThroughLiteral
	_ = s.lockAfterReadLock
	_ = s.eachRound
	_ = s.gotoRounds
}
