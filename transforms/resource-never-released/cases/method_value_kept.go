// Case: a file opened and never closed in its function, whose method value `f.Read` is kept in a returned struct, found by an adversarial reviewer; expected outcome: not a finding (the method value keeps the file: a deferred Close would leave the caller reading a closed file); the program prints the same before and after.

package main

import (
	"fmt"
	"os"
	"path/filepath"
)

type source struct {
	read func([]byte) (int, error)
}

func open(p string) (*source, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	s := new(source)
	s.read = f.Read
	return s, nil
}

func main() {
	dir, err := os.MkdirTemp("", "method-value-kept")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(p, []byte("one\n"), 0o644); err != nil {
		panic(err)
	}
	s, err := open(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	b := make([]byte, 3)
	n, err := s.read(b)
	fmt.Printf("%q %v\n", b[:n], err)
}

// Output before fix:
// "one" <nil>

// Output:
// "one" <nil>
