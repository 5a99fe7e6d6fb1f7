// Case: Go 1.27 generic method writing a file it closes by defer, with new(expression) in its body; expected outcome: fixed safely: the method's error result is named, its type parameter list left as it was.
// go-version: 1.27

package main

import (
	"fmt"
	"os"
	"path/filepath"
)

type Store struct{ dir string }

func (s *Store) Save[T any](name string, v T) error {
	f, err := os.Create(filepath.Join(s.dir, name))
	if err != nil {
		return err
	}
	defer f.Close()
	p := new(fmt.Sprint(v))
	_, err = fmt.Fprintln(f, *p)
	return err
}

func main() {
	dir, err := os.MkdirTemp("", "close-error-dropped")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	s := &Store{dir: dir}
	fmt.Println(s.Save("a.txt", 42))
	b, _ := os.ReadFile(filepath.Join(dir, "a.txt"))
	fmt.Print(string(b))
	fmt.Println(s.Save("missing/b.txt", "x") != nil)
}

// Output before fix:
// <nil>
// 42
// true

// Output:
// <nil>
// 42
// true
