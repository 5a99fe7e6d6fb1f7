// Case: close-error-dropped's output seen by this rule, run with close-error-dropped: in save, `defer f.Close()` on a created file (close-error-dropped guards it) and an overwriting Rollback deferred after it (this rule guards it), in the same pass; in resave, the guard close-error-dropped wrote in an earlier run, registered before the overwrite, so it runs after it and reads err; expected outcome: both fixed safely, neither rule touches the other's defer, the guards are not findings, a guard reading err after the literal does not make the fix unsafe (it only decides err), and a second run changes nothing.

// rules: close-error-dropped

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

type tx struct{ fail bool }

func (t *tx) Rollback() error {
	if t.fail {
		return errors.New("rollback failed")
	}
	return nil
}

func save(p string, t *tx, fail bool) (err error) {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close()
	defer func() { err = t.Rollback() }()
	if _, err := f.WriteString("data"); err != nil {
		return err
	}
	if fail {
		return errors.New("save failed")
	}
	return nil
}

func resave(p string, t *tx, fail bool) (err error) {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	defer func() { err = t.Rollback() }()
	if fail {
		return errors.New("resave failed")
	}
	return nil
}

func main() {
	dir, err := os.MkdirTemp("", "overwrite")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "a.txt")
	fmt.Println(save(p, &tx{}, false), save(p, &tx{}, true))
	fmt.Println(save(p, &tx{fail: true}, false), save(p, &tx{fail: true}, true))
	fmt.Println(resave(p, &tx{fail: true}, false), resave(p, &tx{fail: true}, true))
}

// Output before fix:
// <nil> <nil>
// rollback failed rollback failed
// rollback failed rollback failed

// Output:
// <nil> save failed
// rollback failed save failed
// rollback failed resave failed
