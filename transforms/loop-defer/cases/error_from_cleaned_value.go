// Case: each iteration opens a resource, defers its Close and keeps what a method of it returns in an error declared outside the loop (`var err error`); the error is a status that holds the resource and reads its state when printed (an adversarial reviewer's break of an "errors are data" convention); beside it the resource itself kept as an error (it implements error), and a string read from it appended to an outer slice; expected outcome: the first unsafe (a value derived from the resource is kept, and may need it alive: here its Error reads whether it is closed), not applied; the second not fixed (the value itself is kept); the third unsafe, not applied; the program prints the same before and after.

package main

import (
	"fmt"
)

type resource struct {
	name   string
	closed bool
	log    *[]string
}

func (r *resource) Close() error {
	r.closed = true
	*r.log = append(*r.log, "close "+r.name)
	return nil
}

// status describes the resource as it is when the error is printed.
type status struct{ r *resource }

func (s *status) Error() string {
	if s.r.closed {
		return s.r.name + ": closed"
	}
	return s.r.name + ": open"
}

func (r *resource) Check() error { return &status{r} }

func (r *resource) Error() string { return "resource " + r.name }

func checkAll(names []string, log *[]string) string {
	var err error
	for _, n := range names {
		r := &resource{name: n, log: log}
		defer r.Close()
		err = r.Check()
	}
	return "after loop: " + err.Error()
}

func last(names []string, log *[]string) error {
	var err error
	for _, n := range names {
		r := &resource{name: n, log: log}
		defer r.Close()
		err = r
	}
	return err
}

func labels(names []string, log *[]string) []string {
	var out []string
	for _, n := range names {
		r := &resource{name: n, log: log}
		defer r.Close()
		out = append(out, r.Error())
	}
	return out
}

func main() {
	var log []string
	fmt.Println(checkAll([]string{"a", "b"}, &log), log)
	log = nil
	fmt.Println(last([]string{"c", "d"}, &log), log)
	log = nil
	fmt.Println(labels([]string{"e", "f"}, &log), log)
}

// Output before fix:
// after loop: b: open [close b close a]
// resource d [close d close c]
// [resource e resource f] [close f close e]

// Output:
// after loop: b: open [close b close a]
// resource d [close d close c]
// [resource e resource f] [close f close e]
