// Case: `cleanup, dir, err := prepare(); defer cleanup()` before the check, where prepare (this file) returns a non-nil cleanup with a nil error on its last return but names its results and defers a literal that may set err afterwards, found by an adversarial reviewer; expected outcome: the fix is unsafe (after the move, cleanup would no longer run when prepare fails that way), not applied; the program prints the same before and after: the scratch directory is removed even though prepare failed.

package main

import (
	"errors"
	"fmt"
	"os"
)

var manifestOK = false

// prepare makes a scratch directory and returns the function that removes it.
func prepare() (cleanup func(), dir string, err error) {
	d, err := os.MkdirTemp("", "cleanup-set-after-return")
	if err != nil {
		return nil, "", err
	}
	defer func() {
		if !manifestOK {
			err = errors.New("manifest not written")
		}
	}()
	return func() { os.RemoveAll(d) }, d, nil
}

var scratch string

func run() error {
	cleanup, dir, err := prepare()
	defer cleanup()
	if err != nil {
		scratch = dir
		return err
	}
	scratch = dir
	fmt.Println("using scratch dir")
	return nil
}

func main() {
	fmt.Println(run())
	_, err := os.Stat(scratch)
	fmt.Println("scratch dir left:", err == nil)
}

// Output before fix:
// manifest not written
// scratch dir left: false

// Output:
// manifest not written
// scratch dir left: false
