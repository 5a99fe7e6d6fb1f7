// Case: deferred literals overwrite the named error result with Close, Rollback and Sync results: one-line literals, a multi-line literal with other statements, a literal called with an argument, `_, err =` with a blank target, an assignment inside `if c != nil`, returns that set err explicitly and a bare return; expected outcome: fixed safely, the error the function returned is kept and the call's error is returned only when there was none.

package main

import (
	"errors"
	"fmt"
)

type conn struct {
	name string
	fail bool
	log  []string
}

func (c *conn) Close() error {
	c.log = append(c.log, "close "+c.name)
	if c.fail {
		return errors.New("close " + c.name + " failed")
	}
	return nil
}

func (c *conn) Rollback() error {
	c.log = append(c.log, "rollback")
	return nil
}

func (c *conn) Sync() error {
	if c.fail {
		return errors.New("sync failed")
	}
	return nil
}

func (c *conn) Write(p []byte) (int, error) {
	if c.fail {
		return 0, errors.New("write failed")
	}
	return len(p), nil
}

func send(c *conn, fail bool) (err error) {
	defer func() { err = c.Close() }()
	if fail {
		return fmt.Errorf("send: %w", errors.New("refused"))
	}
	return nil
}

func update(tx *conn, fail bool) (n int, err error) {
	defer func() {
		tx.log = append(tx.log, "done")
		err = tx.Rollback()
		tx.log = append(tx.log, "after")
	}()
	if fail {
		err = errors.New("update failed")
		return
	}
	return 1, nil
}

func flush(c *conn, fail bool) (err error) {
	defer func(c *conn) {
		err = c.Sync()
	}(c)
	if fail {
		return errors.New("flush failed")
	}
	return nil
}

func write(c *conn, fail bool) (err error) {
	defer func() { _, err = c.Write([]byte("trailer")) }()
	if fail {
		return errors.New("write body failed")
	}
	return nil
}

func maybe(c *conn, fail bool) (err error) {
	defer func() {
		if c != nil {
			err = c.Close()
		}
	}()
	if fail {
		return errors.New("maybe failed")
	}
	return nil
}

func main() {
	for _, fail := range []bool{false, true} {
		c := &conn{name: "a"}
		err := send(c, fail)
		fmt.Println(err, c.log)
		fmt.Println(send(&conn{name: "b", fail: true}, fail))
		tx := &conn{name: "tx"}
		n, err2 := update(tx, fail)
		fmt.Println(n, err2, tx.log)
		fmt.Println(flush(&conn{}, fail), flush(&conn{fail: true}, fail))
		fmt.Println(write(&conn{}, fail), write(&conn{fail: true}, fail))
		fmt.Println(maybe(&conn{}, fail), maybe(nil, fail), maybe(&conn{name: "m", fail: true}, fail))
	}
}

// Output before fix:
// <nil> [close a]
// close b failed
// 1 <nil> [done rollback after]
// <nil> sync failed
// <nil> write failed
// <nil> <nil> close m failed
// <nil> [close a]
// close b failed
// 0 <nil> [done rollback after]
// <nil> sync failed
// <nil> write failed
// <nil> maybe failed close m failed

// Output:
// <nil> [close a]
// close b failed
// 1 <nil> [done rollback after]
// <nil> sync failed
// <nil> write failed
// <nil> <nil> close m failed
// send: refused [close a]
// send: refused
// 0 update failed [done rollback after]
// flush failed flush failed
// write body failed write body failed
// maybe failed maybe failed maybe failed
