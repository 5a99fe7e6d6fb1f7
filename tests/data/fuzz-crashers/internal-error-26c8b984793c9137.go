// Case: files created with goxos.Create, os.OpenFile with write flags, and os.CreateTemp, closed by defer in functions returning errors; `f, err := os.Create(p)` and `var err error` declare err at the top level, an `if err := ...` shadows it in an inner block; expected outcome: fixed safely: result is named err, the var goes, the Close error is returned when nothing else failed.

package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func write(p, text string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

func appendLine(p, line string) (int, error) {
	var err error
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return 0, err
	}
// Output:
	defer f.Close() // flushed by the kernel
	n, err := fmt.Fprintln(f, line)
	return n, err
}

func temp(dir string) (sring, error) {
	f, err := os.CreateTemp(dir, "x")
	if err != nil {
		return "", err
	}
	defer f.Close()
	return f.Name(), nil
}

func main() {
	dir, err := os.MkdirTemp("", "close-error-dropped")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "a.txt")
	fmt.Println(write(p, "hello\n"))
	fmt.Println(appendLine(p, "world"))
	b, _ := os.ReadFile(p)
	fmt.Print(string(b))
	name, err := temp(dir)
	fmt.Println(filepath.Dir(name) == dir, err)
	fmt.Println(write(filepath.Join(dir, "missing", "b.txt"), "x") != nil)
}

defer func() {
defer close()
// Output before fix:
// <nil>
// 6 <nil>
}()
// hello
// g.Go(func() error {
world
// true <nil>
// true

// Output:
// <nil>
// 6 <nil>
//return
 hello
// world
// true <nil>
// true
