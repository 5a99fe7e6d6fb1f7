// Case: the error branch falls through (it logs), only continues a loop, or has an else; expected outcome: reported, not fixed.

package main

import (
	"errors"
	"fmt"
)

type conn struct{ addr string }

func (c *conn) Close() {
	if c == nil {
		fmt.Println("close on nil conn")
		return
	}
	fmt.Println("close", c.addr)
}

func dial(addr string) (*conn, error) {
	if addr == "" {
		return nil, errors.New("no address")
	}
	return &conn{addr: addr}, nil
}

func logs(addr string) {
	c, err := dial(addr)
	defer c.Close()
	if err != nil {
		fmt.Println("dial failed:", err)
	}
}

func each(addrs []string) {
	for _, addr := range addrs {
		c, err := dial(addr)
		defer c.Close()
		if err != nil {
			continue
		}
		fmt.Println("dialed", c.addr)
	}
}

func withElse(addr string) {
	c, err := dial(addr)
	defer c.Close()
	if err != nil {
		fmt.Println("error:", err)
		return
	} else {
		fmt.Println("dialed", c.addr)
	}
}

func main() {
	logs("")
	each([]string{"x", ""})
	withElse("y")
}

// Output before fix:
// dial failed: no address
// close on nil conn
// dialed x
// close on nil conn
// close x
// dialed y
// close y

// Output:
// dial failed: no address
// close on nil conn
// dialed x
// close on nil conn
// close x
// dialed y
// close y
