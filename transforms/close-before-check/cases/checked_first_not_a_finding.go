// Case: correct code and near misses: the defer after the check, a defer on another variable, a statement between the call and the defer, a check with an extra condition, an if with an initializer; expected outcome: no findings.

package main

import (
	"errors"
	"fmt"
	"os"
)

type res struct{}

func (*res) Close() {}

func get() (*res, error) { return &res{}, nil }

func correct() error {
	r, err := get()
	if err != nil {
		return err
	}
	defer r.Close()
	return nil
}

func otherVariable(other *res) error {
	r, err := get()
	defer other.Close()
	if err != nil {
		return err
	}
	_ = r
	return nil
}

func notAdjacent() error {
	r, err := get()
	fmt.Println("got")
	defer r.Close()
	if err != nil {
		return err
	}
	return nil
}

func extraCondition() error {
	r, err := get()
	defer r.Close()
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

func initializer() error {
	r, err := get()
	defer r.Close()
	if err := validate(); err != nil {
		return err
	}
	return err
}

func validate() error { return nil }

func main() {
	_ = correct()
	_ = otherVariable(&res{})
	_ = notAdjacent()
	_ = extraCondition()
	_ = initializer()
}
