// Case: the overwrite sits among statements whose trailing comments gofmt aligns, and carries a trailing comment itself; expected outcome: fixed safely; the comment stays after the guard's closing brace and the comments around are aligned again as gofmt aligns them.

package main

import (
	"errors"
	"fmt"
)

type conn struct{ closed int }

func (c *conn) Close() error {
	c.closed++
	return nil
}

func run(c *conn) (err error) {
	defer func() {
		n := c.closed   // before
		err = c.Close() // the overwrite
		m := n + 1      // after
		_ = m
	}()
	return errors.New("run failed")
}

func main() {
	c := &conn{}
	err := run(c)
	fmt.Println(err, c.closed)
}

// Output before fix:
// <nil> 1

// Output:
// run failed 1
