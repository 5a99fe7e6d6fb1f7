// Case: each iteration writes a part and defers its rollback, a method of the file whose body removes the part unless the package variable `published` is set; the function sets it after the loop, so at return the parts stay; found by an adversarial reviewer; expected outcome: an unsafe fix (at the end of an iteration the rollback would read the earlier value and remove the part), not applied; the program prints the same before and after: both parts kept.

package main

import (
	"fmt"
	"os"
	"path/filepath"
)

var published bool

type part struct{ path string }

func (p part) rollback() {
	if !published {
		os.Remove(p.path)
	}
}

func stage(dir string, texts []string) error {
	for i, text := range texts {
		p := part{filepath.Join(dir, fmt.Sprintf("part%d", i))}
		if err := os.WriteFile(p.path, []byte(text), 0o644); err != nil {
			return err
		}
		defer p.rollback()
		fmt.Println("staged", filepath.Base(p.path))
	}
	published = true
	return nil
}

func main() {
	dir, err := os.MkdirTemp("", "package-state")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	fmt.Println(stage(dir, []string{"a", "b"}))
	entries, _ := os.ReadDir(dir)
	fmt.Println("parts kept:", len(entries))
}

// Output before fix:
// staged part0
// staged part1
// <nil>
// parts kept: 2

// Output:
// staged part0
// staged part1
// <nil>
// parts kept: 2
