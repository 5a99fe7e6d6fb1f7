// Case: one deferred literal overwrites err twice (a Flush, then a Close), on lines of their own and in a one-line literal; expected outcome: fixed safely, both guarded in one pass (the one-line literal by one fix): the function's error wins, then the Flush error, then the Close error, where the original kept only Close's result.

package main

import (
	"errors"
	"fmt"
)

type writer struct{ flushFails, closeFails bool }

func (w *writer) Flush() error {
	if w.flushFails {
		return errors.New("flush failed")
	}
	return nil
}

func (w *writer) Close() error {
	if w.closeFails {
		return errors.New("close failed")
	}
	return nil
}

func lines(w *writer, fail bool) (err error) {
	defer func() {
		err = w.Flush()
		err = w.Close()
	}()
	if fail {
		return errors.New("lines failed")
	}
	return nil
}

func oneLine(w *writer, fail bool) (err error) {
	defer func() { err = w.Flush(); err = w.Close() }()
	if fail {
		return errors.New("one line failed")
	}
	return nil
}

func main() {
	for _, w := range []*writer{{}, {flushFails: true}, {closeFails: true}, {true, true}} {
		fmt.Println(lines(w, false), "|", lines(w, true), "|", oneLine(w, false), "|", oneLine(w, true))
	}
}

// Output before fix:
// <nil> | <nil> | <nil> | <nil>
// <nil> | <nil> | <nil> | <nil>
// close failed | close failed | close failed | close failed
// close failed | close failed | close failed | close failed

// Output:
// <nil> | lines failed | <nil> | one line failed
// flush failed | lines failed | flush failed | one line failed
// close failed | lines failed | close failed | one line failed
// flush failed | lines failed | flush failed | one line failed
