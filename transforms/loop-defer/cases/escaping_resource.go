// Case: the deferred resource is appended to a slice declared before the loop and used after the loop; expected outcome: report only, no fix (wrapping would close each conn before it is used).

package main

import "fmt"

type conn struct {
	addr   string
	closed bool
}

var open, maxOpen int

func dial(addr string) *conn {
	open++
	maxOpen = max(maxOpen, open)
	return &conn{addr: addr}
}

func (c *conn) Close() {
	open--
	c.closed = true
	fmt.Println("close", c.addr)
}

func (c *conn) Send(msg string) {
	if c.closed {
		fmt.Println("send", msg, "to", c.addr, "FAILED: closed")
		return
	}
	fmt.Println("send", msg, "to", c.addr)
}

func broadcast(addrs []string, msg string) {
	var conns []*conn
	for _, addr := range addrs {
		c := dial(addr)
		defer c.Close()
		conns = append(conns, c)
		fmt.Println("dialed", addr)
	}
	for _, c := range conns {
		c.Send(msg)
	}
}

func main() {
	broadcast([]string{"h1", "h2"}, "hi")
	fmt.Println("max open:", maxOpen, "open:", open)
}

// Output before fix:
// dialed h1
// dialed h2
// send hi to h1
// send hi to h2
// close h2
// close h1
// max open: 2 open: 0

// Output:
// dialed h1
// dialed h2
// send hi to h1
// send hi to h2
// close h2
// close h1
// max open: 2 open: 0
