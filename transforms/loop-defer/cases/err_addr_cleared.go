// Case: tolerate(&err) may clear err inside if err != nil before return err; error-idiom rewrite turns early 'return nil' into continue (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now only the fix of the real bug is applied.

// go-version: 1.22

package main

import (
	"errors"
	"fmt"
)

var errMissing = errors.New("missing")

type file struct{ name string }

func (f *file) Close() { fmt.Println("close", f.name) }

func open(name string) (*file, error) {
	if name == "" {
		return nil, errMissing
	}
	return &file{name}, nil
}

func tolerate(err *error) {
	if errors.Is(*err, errMissing) {
		*err = nil
	}
}

func process(names []string) error {
	for _, name := range names {
		f, err := open(name)
		if err != nil {
			tolerate(&err)
			return err
		}
		defer f.Close()
		fmt.Println("use", f.name)
	}
	fmt.Println("processed all")
	return nil
}

func main() {
	fmt.Println("result:", process([]string{"a", "", "b"}))
}

// Output before fix:
// use a
// close a
// result: <nil>

// Output:
// use a
// close a
// result: <nil>
