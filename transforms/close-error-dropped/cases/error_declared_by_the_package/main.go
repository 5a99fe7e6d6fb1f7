// Case: a package that declares its own `error` interface (with a Code method) in another file, found by an adversarial reviewer: `defer f.Close()` on a created file in a function returning that `error`; expected outcome: not a finding (naming the result `err error` would name the package's type, which os.Create's error does not implement: the fix would not compile); the program prints the same before and after.

package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func write(p, text string) error {
	f, err := os.Create(p)
	if err != nil {
		return wrap(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		return wrap(err)
	}
	return nil
}

func main() {
	dir, err := os.MkdirTemp("", "own-error")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "a.txt")
	fmt.Println(write(p, "hi") == nil)
}

// Output before fix:
// true

// Output:
// true
