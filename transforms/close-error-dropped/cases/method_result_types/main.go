// Case: `defer zw.Close()` on a gzip writer, where err is declared by `_, err := zw.Write(b)`: zw comes from gzip.NewWriter, whose declared result (*gzip.Writer, in the toolchain's source) has a Write method returning (int, error), so err's type is known, not inferred; beside it the same through a method of a type of the file returning a concrete *shortErr; expected outcome: the first fixed safely, the second keeps an unsafe fix (err would change type), not applied; the program shows the footer's write error is now returned.

package main

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// limited fails every write after the first n bytes.
type limited struct{ n int }

func (l *limited) Write(p []byte) (int, error) {
	if len(p) > l.n {
		l.n = 0
		return 0, errors.New("device full")
	}
	l.n -= len(p)
	return len(p), nil
}

func compress(w io.Writer, b []byte) error {
	zw := gzip.NewWriter(w)
	defer zw.Close()
	_, err := zw.Write(b)
	return err
}

type shortErr struct{}

func (*shortErr) Error() string { return "short" }

type framer struct{ w io.Writer }

func (f *framer) Write(p []byte) (int, error) { return f.w.Write(p) }

func (f *framer) Close() error { return errors.New("frame not closed") }

func (f *framer) frame(b []byte) *shortErr {
	if _, err := f.w.Write(b); err != nil {
		return &shortErr{}
	}
	return nil
}

func send(w io.Writer, b []byte) error {
	f := &framer{w: w}
	defer f.Close()
	err := f.frame(b)
	if err != nil {
		return err
	}
	return nil
}

func main() {
	fmt.Println(compress(&limited{n: 12}, []byte("hello")))
	fmt.Println(send(&limited{n: 100}, []byte("hello")))
}

// Output before fix:
// <nil>
// <nil>

// Output:
// device full
// <nil>
