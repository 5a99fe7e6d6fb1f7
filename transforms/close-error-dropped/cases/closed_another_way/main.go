// Case: deferred Closes of written values that something else closes or that are no standard files, found by an adversarial reviewer: `fmt` is a parameter whose Fprintln closes its writer; the file is also closed through a method value (`finish := f.Close`); a writer type of the file whose Finish method calls Close; `os` is a parameter whose Create returns a concrete *pathErr (types in printer.go); expected outcome: the first and third unsafe (another call might close it), the second and fourth not findings (finished outside the defer; not os.Create), nothing applied; the program prints the same before and after.

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

func printTo(p string, fmt printer) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close()
	fmt.Fprintln(f, "hello")
	return nil
}

func finishBy(p string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close()
	finish := f.Close
	if _, err := f.WriteString("hello"); err != nil {
		return err
	}
	return finish()
}

type sink struct {
	closed bool
	data   []byte
}

func (s *sink) Write(b []byte) (int, error) { s.data = append(s.data, b...); return len(b), nil }

func (s *sink) Close() error {
	if s.closed {
		return errors.New("sink already closed")
	}
	s.closed = true
	return nil
}

func (s *sink) Finish() error { return s.Close() }

func finished() error {
	w := &sink{}
	defer w.Close()
	w.Write([]byte("hello"))
	return w.Finish()
}

func created(os fakeFS, p string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close()
	f.Write([]byte("hello"))
	return nil
}

func main() {
	dir, err := os.MkdirTemp("", "closed-another-way")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	err = printTo(filepath.Join(dir, "a"), printer{})
	fmt.Println(err == nil, errors.Is(err, os.ErrClosed))
	err = finishBy(filepath.Join(dir, "b"))
	fmt.Println(err == nil, errors.Is(err, os.ErrClosed))
	fmt.Println(finished())
	fmt.Println(created(fakeFS{}, "c") == nil)
}

// Output before fix:
// true false
// true false
// <nil>
// true

// Output:
// true false
// true false
// <nil>
// true
