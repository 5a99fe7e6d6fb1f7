// Case: conn stored via alias h := &hs[i]; h.c = c -> closed per iteration, used after loop (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import "fmt"

type conn struct {
	id     int
	closed bool
}

func (c *conn) Close() { c.closed = true; fmt.Println("close", c.id) }

type holder struct {
	c *conn
}

func dial(i int) (*conn, error) { return &conn{id: i}, nil }

func run(n int) ([]holder, error) {
	hs := make([]holder, n)
	for i := 0; i < n; i++ {
		c, err := dial(i)
		if err != nil {
			return nil, err
		}
		defer c.Close()
		h := &hs[i]
		h.c = c
		fmt.Println("opened", i)
	}
	for _, h := range hs {
		fmt.Println("use", h.c.id, "closed:", h.c.closed)
	}
	return hs, nil
}

func main() {
	run(3)
}

// Output before fix:
// opened 0
// opened 1
// opened 2
// use 0 closed: false
// use 1 closed: false
// use 2 closed: false
// close 2
// close 1
// close 0

// Output:
// opened 0
// opened 1
// opened 2
// use 0 closed: false
// use 1 closed: false
// use 2 closed: false
// close 2
// close 1
// close 0
