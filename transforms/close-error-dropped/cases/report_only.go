// Case: the file is handed to a helper that might close it (unsafe, not applied), the error result is named `_`, `err` is a parameter, a function literal's err belongs to its enclosing function, the defer sits in a block that declares err; expected outcome: the first reported with an unsafe fix not applied, the others reported with no fix.

package main

import (
	"fmt"
	"os"
)

func finish(f *os.File) error { return nil }

func handed(p string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close()
	return finish(f)
}

func blank(p string) (_ error) {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close()
	return nil
}

func param(p string, err error) error {
	f, ferr := os.Create(p)
	if ferr != nil {
		return ferr
	}
	defer f.Close()
	return err
}

func inBlock(p string, ok bool) error {
	if ok {
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		defer f.Close()
	}
	return nil
}

func main() {
	var err error
	literal := func() error {
		f, ferr := os.Create(os.DevNull)
		if ferr != nil {
			return ferr
		}
		defer f.Close()
		return err
	}
	p := os.DevNull
	fmt.Println(handed(p), blank(p), param(p, nil), inBlock(p, true), literal())
}

// Output before fix:
// <nil> <nil> <nil> <nil> <nil>

// Output:
// <nil> <nil> <nil> <nil> <nil>
