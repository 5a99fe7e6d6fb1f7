// Case: files only read (os.Open, os.OpenFile with O_RDONLY), a file whose Close is checked on the main path (`return f.Close()`), a function that returns no error, a reader reassigned; expected outcome: no findings.

package main

import (
	"fmt"
	"io"
	"os"
)

func read(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func readFlags(p string) ([]byte, error) {
	f, err := os.OpenFile(p, os.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func checked(p string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.WriteString("x"); err != nil {
		return err
	}
	return f.Close()
}

func noError(p string) {
	f, err := os.Create(p)
	if err != nil {
		return
	}
	defer f.Close()
	f.WriteString("x")
}

func main() {
	p := os.DevNull
	_, err := read(p)
	fmt.Println(err)
	_, err = readFlags(p)
	fmt.Println(err)
	noError(p)
	fmt.Println(checked(p))
}

// Output before fix:
// <nil>
// <nil>
// <nil>

// Output:
// <nil>
// <nil>
// <nil>
