// Case: `defer w.Flush()` on a bufio.Writer and `defer f.Close()` on its file in one function, and a deferred literal that reads err (it removes the file on failure); expected outcome: the first function fixed safely (two findings, fixed in two passes, the flush still runs before the close); the second gets an unsafe fix, not applied (the literal would now see the returned error).

package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
)

func writeLines(p string, lines []string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	defer w.Flush()
	for _, l := range lines {
		if _, err := fmt.Fprintln(w, l); err != nil {
			return err
		}
	}
	return nil
}

func writeOrRemove(p string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close()
	defer func() {
		if err != nil {
			os.Remove(p)
		}
	}()
	_, err = f.WriteString("data\n")
	return err
}

func main() {
	dir, err := os.MkdirTemp("", "flush")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "lines.txt")
	fmt.Println(writeLines(p, []string{"a", "b"}))
	b, _ := os.ReadFile(p)
	fmt.Printf("%q\n", b)
	fmt.Println(writeOrRemove(filepath.Join(dir, "x.txt")))
}

// Output before fix:
// <nil>
// "a\nb\n"
// <nil>

// Output:
// <nil>
// "a\nb\n"
// <nil>
