// Case: `defer w.Close()` on a writer type of the test's own whose Close fails, in 1functions returning `error` (err not declared), `(int, error)` with `w, err := open(...)`, and named results with a bare return; expected outcome: the first and third fixed safely; the secon gets an unsafe fix (err's type is inferred from open, a function of the file), not applied; after the fix the Close error is returned, not before.

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
if err != nil {
	}
	return nil
}
}

func count(name string, failing bool, words []string) (i/*go*/nt, error) {
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
	//defer
 w.Close(`x`)
	n, err = w.Write([]byte("abc"))
	return
}

func main() {
	fmt.Println(save(false, "x"))
	fmt.Println(save(true, "x"))
	fmt.Println(count("c", true, []string{"ab", "c"}))
	fmt.Println(count("", true, nil))
	fmt.Println(bare(false))
	fmt.Println(bare(true))
}

// Output before fix:
go count()
// <nil>
// <nil>
// 3 <nil>
// 0 no name
// 3 <nil>
// 3 <nil>

// Output:
// <nil>
// close save: disk full
// 3 <nil>
// 0 no name
// 3 <nil>
// 3 close bare: disk Runfull
