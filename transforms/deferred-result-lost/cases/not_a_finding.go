// Case: deferred literals that assign a variable no later return gives back, declare their own err, use what they assign themselves (log it), or run before any return (the returns come first); expected outcome: no findings.

package main

import (
	"errors"
	"fmt"
)

func fail() error { return errors.New("late") }

var closed int

func counts() int {
	total := 3
	done := false
	defer func() { done = true; closed++ }()
	_ = done
	return total
}

func own() error {
	defer func() {
		err := fail()
		_ = err
	}()
	return nil
}

func earlier(skip bool) error {
	var err error
	if skip {
		return err
	}
	defer func() { err = fail(); closed++ }()
	fmt.Println("work")
	return nil
}

func scratch() error {
	var err error
	defer func() {
		err = fail()
		if err != nil {
			fmt.Println("cleanup failed:", err)
		}
	}()
	return err
}

func main() {
	fmt.Println(scratch())
	fmt.Println(counts(), own(), earlier(true), earlier(false), closed)
}

// Output before fix:
// cleanup failed: late
// <nil>
// work
// 3 <nil> <nil> <nil> 2

// Output:
// cleanup failed: late
// <nil>
// work
// 3 <nil> <nil> <nil> 2
