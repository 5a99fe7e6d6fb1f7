// Case: errgroup-style `g.Go(func() error {...})` and a parallel subtest `t.Run(name, func(t *T) { t.Parallel(); ... })` capture range values; expected outcome: fixed safely with `tc := tc` copies (the literal is not the called function); a use before `t.Parallel()` alone is not a finding.

package main

import (
	"fmt"
	"sort"
	"sync"
)

type group struct{ wg sync.WaitGroup }

func (g *group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		_ = f()
	}()
}

func (g *group) Wait() { g.wg.Wait() }

// T runs a subtest until it calls Parallel, then pauses it until the parent releases every
// parallel subtest, as testing.T does.
type T struct {
	parallel chan struct{}
	isPar    bool
	release  chan struct{}
	wg       *sync.WaitGroup
}

func (t *T) Parallel() {
	t.isPar = true
	t.parallel <- struct{}{}
	<-t.release
}

func (t *T) Run(name string, f func(t *T)) {
	sub := &T{parallel: make(chan struct{}), release: t.release, wg: t.wg}
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		f(sub)
		if !sub.isPar {
			sub.parallel <- struct{}{}
		}
	}()
	<-sub.parallel
}

type testCase struct{ name, want string }

func main() {
	var mu sync.Mutex
	var seen []string
	var g group
	start := make(chan struct{})
	for _, name := range []string{"a", "b", "c"} {
		g.Go(func() error {
			<-start
			mu.Lock()
			defer mu.Unlock()
			seen = append(seen, name)
			return nil
		})
	}
	close(start)
	g.Wait()
	sort.Strings(seen)
	fmt.Println(seen)

	t := &T{release: make(chan struct{}), wg: &sync.WaitGroup{}}
	var results []string
	cases := []testCase{{"one", "1"}, {"two", "2"}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *T) {
			t.Parallel()
			mu.Lock()
			defer mu.Unlock()
			results = append(results, tc.name+"="+tc.want)
		})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *T) {
			fmt.Println("serial", tc.name)
			t.Parallel()
		})
	}
	close(t.release)
	t.wg.Wait()
	sort.Strings(results)
	fmt.Println(results)
}

// Output before fix:
// [c c c]
// serial one
// serial two
// [two=2 two=2]

// Output:
// [a b c]
// serial one
// serial two
// [one=1 two=2]
