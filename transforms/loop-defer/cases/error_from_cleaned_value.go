// Case: each iteration begins a transaction, defers its Rollback and assigns what its Apply returns to an error declared outside the loop (`var err error`), which the function returns; beside it the same with the transaction itself stored in an `error`-typed variable (the transaction implements error), and with a string read from it appended to an outer slice; expected outcome: the first fixed safely (an error computed from the transaction is data: it describes the failure and is read after the rollback as before), the second not fixed (the value itself is kept), the third unsafe (a value derived from it, which may name it, is kept), not applied; the program shows each rollback now runs at the end of its iteration and the returned error reads the same.

package main

import (
	"errors"
	"fmt"
)

type tx struct {
	name string
	log  *[]string
}

func (t *tx) Apply() error {
	*t.log = append(*t.log, "apply "+t.name)
	return errors.New("apply " + t.name + " failed")
}

func (t *tx) Rollback() error {
	*t.log = append(*t.log, "rollback "+t.name)
	return nil
}

func (t *tx) Error() string { return "tx " + t.name }

func run(names []string, log *[]string) error {
	var err error
	for _, n := range names {
		t := &tx{name: n, log: log}
		defer t.Rollback()
		err = t.Apply()
	}
	return err
}

func last(names []string, log *[]string) error {
	var err error
	for _, n := range names {
		t := &tx{name: n, log: log}
		defer t.Rollback()
		err = t
	}
	return err
}

func labels(names []string, log *[]string) []string {
	var out []string
	for _, n := range names {
		t := &tx{name: n, log: log}
		defer t.Rollback()
		out = append(out, t.Error())
	}
	return out
}

func main() {
	var log []string
	err := run([]string{"a", "b"}, &log)
	fmt.Println(err, log)
	log = nil
	fmt.Println(last([]string{"c", "d"}, &log), log)
	log = nil
	fmt.Println(labels([]string{"e", "f"}, &log), log)
}

// Output before fix:
// apply b failed [apply a apply b rollback b rollback a]
// tx d [rollback d rollback c]
// [tx e tx f] [rollback f rollback e]

// Output:
// apply b failed [apply a rollback a apply b rollback b]
// tx d [rollback d rollback c]
// [tx e tx f] [rollback f rollback e]
