// Case: defer logErr(&err) earlier; naming err as result makes it see the returned error instead of the local's value (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

func logErr(op string, err *error) {
	fmt.Println(op, "local err at exit:", *err)
}

func write(p, text string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer logErr("write", &err)
	defer f.Close()
	_, err = f.WriteString(text)
	if len(text) > 3 {
		return errors.New("too long")
	}
	return nil
}

func main() {
	dir, _ := os.MkdirTemp("", "ced")
	defer os.RemoveAll(dir)
	fmt.Println(write(filepath.Join(dir, "a"), "hello"))
}

// Output before fix:
// write local err at exit: <nil>
// too long

// Output:
// write local err at exit: <nil>
// too long
