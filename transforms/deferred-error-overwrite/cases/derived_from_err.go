// Case: deferred literals whose right side regards err through a value computed from it earlier in the literal: a collector built from err (prometheus's compactor: `errs := NewMulti(err)`, then `err = errs.Err()`), a collector that err is added to, a slice err is appended to and joined, a pointer to err handed to a helper; beside them a literal that only logs err before overwriting it, which is still a finding; expected outcome: the four are not findings (a fix would drop the wrapping they do), the logging one is fixed safely.

package main

import (
	"errors"
	"fmt"
	"strings"
)

type multi struct{ errs []error }

func newMulti(errs ...error) *multi {
	m := &multi{}
	for _, e := range errs {
		m.add(e)
	}
	return m
}

func (m *multi) add(err error) {
	if err != nil {
		m.errs = append(m.errs, err)
	}
}

func (m *multi) Err() error {
	if len(m.errs) == 0 {
		return nil
	}
	parts := make([]string, len(m.errs))
	for i, e := range m.errs {
		parts[i] = e.Error()
	}
	return errors.New(strings.Join(parts, "; "))
}

type closer struct{ fail bool }

func (c closer) Close() error {
	if c.fail {
		return errors.New("close failed")
	}
	return nil
}

func built(c closer) (err error) {
	defer func() {
		errs := newMulti(err)
		errs.add(c.Close())
		err = errs.Err()
	}()
	return errors.New("built")
}

func added(c closer) (err error) {
	defer func() {
		var errs multi
		errs.add(err)
		errs.add(c.Close())
		err = errs.Err()
	}()
	return errors.New("added")
}

func appended(c closer) (err error) {
	defer func() {
		all := []error{c.Close()}
		all = append(all, err)
		err = errors.Join(all...)
	}()
	return errors.New("appended")
}

func keep(into *[]error, from *error) { *into = append(*into, *from) }

func pointed(c closer) (err error) {
	defer func() {
		var kept []error
		keep(&kept, &err)
		err = errors.Join(append(kept, c.Close())...)
	}()
	return errors.New("pointed")
}

func logged(c closer) (err error) {
	defer func() {
		fmt.Println("logged saw:", err)
		err = c.Close()
	}()
	return errors.New("logged")
}

func main() {
	for _, fail := range []bool{false, true} {
		c := closer{fail: fail}
		fmt.Printf("%v | %v | %q | %q | %v\n", built(c), added(c), fmt.Sprint(appended(c)), fmt.Sprint(pointed(c)), logged(c))
	}
}

// Output before fix:
// logged saw: logged
// built | added | "appended" | "pointed" | <nil>
// logged saw: logged
// built; close failed | added; close failed | "close failed\nappended" | "pointed\nclose failed" | close failed

// Output:
// logged saw: logged
// built | added | "appended" | "pointed" | logged
// logged saw: logged
// built; close failed | added; close failed | "close failed\nappended" | "pointed\nclose failed" | logged
