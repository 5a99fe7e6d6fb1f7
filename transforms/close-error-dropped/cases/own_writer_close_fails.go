// Case: `defer w.Close()` on a writer type of the test's own whose Close fails, in functions returning `error` (err not declared), `(int, error)` with `err := check()` (check is a parameter: what it returns is not declared in the file), the same with `w, err := open(...)` (a function of the file declared to return `(*sink, error)`), and named results with a bare return; expected outcome: the first, third and fourth fixed safely; the second gets an unsafe fix (err's type is inferred from check's result), not applied; after the fix the Close error is returned, not before.

package main

import (
	"errors"
	"fmt"
)

type sink struct {
	name    string
	failing bool
	data    []byte
}

func (s *sink) Write(p []byte) (int, error) {
	s.data = append(s.data, p...)
	return len(p), nil
}

func (s *sink) Close() error {
	if s.failing {
		return errors.New("close " + s.name + ": disk full")
	}
	return nil
}

func open(name string, failing bool) (*sink, error) {
	if name == "" {
		return nil, errors.New("no name")
	}
	return &sink{name: name, failing: failing}, nil
}

func save(failing bool, text string) error {
	w := &sink{name: "save", failing: failing}
	defer w.Close()
	if _, werr := w.Write([]byte(text)); werr != nil {
		return werr
	}
	return nil
}

func count(name string, failing bool, words []string, check func(string) error) (int, error) {
	err := check(name)
	if err != nil {
		return 0, err
	}
	w := &sink{name: name, failing: failing}
	defer w.Close()
	n := 0
	for _, word := range words {
		k, err := w.Write([]byte(word))
		if err != nil {
			return n, err
		}
		n += k
	}
	return n, nil
}

func total(name string, failing bool, words []string) (int, error) {
	w, err := open(name, failing)
	if err != nil {
		return 0, err
	}
	defer w.Close()
	n := 0
	for _, word := range words {
		k, err := w.Write([]byte(word))
		if err != nil {
			return n, err
		}
		n += k
	}
	return n, nil
}

func bare(failing bool) (n int, err error) {
	w, err := open("bare", failing)
	if err != nil {
		return
	}
	defer w.Close()
	n, err = w.Write([]byte("abc"))
	return
}

func main() {
	fmt.Println(save(false, "x"))
	fmt.Println(save(true, "x"))
	named := func(name string) error {
		if name == "" {
			return errors.New("no name")
		}
		return nil
	}
	fmt.Println(count("c", true, []string{"ab", "c"}, named))
	fmt.Println(count("", true, nil, named))
	fmt.Println(total("t", true, []string{"ab", "c"}))
	fmt.Println(bare(false))
	fmt.Println(bare(true))
}

// Output before fix:
// <nil>
// <nil>
// 3 <nil>
// 0 no name
// 3 <nil>
// 3 <nil>
// 3 <nil>

// Output:
// <nil>
// close save: disk full
// 3 <nil>
// 0 no name
// 3 close t: disk full
// 3 <nil>
// 3 close bare: disk full
