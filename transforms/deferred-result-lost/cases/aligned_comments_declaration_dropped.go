// Case: `var err error` between two statements with trailing comments; expected outcome: fixed safely: the declaration goes, and the comments of the statements that are now adjacent share one column, as gofmt aligns them.

package main

import (
	"errors"
	"fmt"
)

type closer struct{}

func (closer) Close() error { return errors.New("close failed") }

func save(c closer) error {
	start := 1 // first
	var err error
	n := 0 // written
	defer func() { err = c.Close() }()
	n += start // more
	fmt.Println("written", n)
	return err
}

func main() {
	fmt.Println(save(closer{}))
}

// Output before fix:
// written 1
// <nil>

// Output:
// written 1
// close failed
