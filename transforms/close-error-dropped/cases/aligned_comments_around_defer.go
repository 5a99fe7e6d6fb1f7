// Case: `defer f.Close() // ...` in a run of aligned trailing comments; expected outcome: fixed safely: the defer becomes a multi-line literal, so the comments before and after it no longer share a column and each keeps gofmt's alignment.

package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func write(name string) error {
	f, err := os.Create(name) // create
	if err != nil {
		return err
	}
	defer f.Close()             // closed on return
	_, err = f.WriteString("x") // write
	return err                  // done
}

func main() {
	dir, _ := os.MkdirTemp("", "cedalign")
	defer os.RemoveAll(dir)
	fmt.Println(write(filepath.Join(dir, "a")))
}

// Output:
// <nil>
