// Case: `defer f.Close() // always closed` before the check, and after the check two statements whose comments are aligned with each other; expected outcome: fixed safely: the defer and its comment move after the check, where they join the run of commented statements, and the whole run is re-aligned as gofmt aligns it.

package main

import "fmt"

type file struct{ name string }

func (f *file) Close() error { fmt.Println("close", f.name); return nil }

func open(name string) (*file, error) { return &file{name}, nil }

func use(name string) error {
	f, err := open(name)
	defer f.Close() // always closed
	if err != nil {
		return err
	}
	n := len(f.name)      // length
	fmt.Println("use", n) // print
	return nil
}

func main() {
	fmt.Println(use("abc"))
}

// Output:
// use 3
// close abc
// <nil>
