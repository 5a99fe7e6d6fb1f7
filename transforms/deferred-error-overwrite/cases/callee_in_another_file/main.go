// Case: overwrites whose call the rule can only type through the package: a standard function (os.Remove, read from the toolchain's source), a function another file of the package declares returning error, and one declared there returning a concrete *removeErr; expected outcome: the first two fixed safely, the third unsafe (its nil used to make the error non-nil) and left alone; the program shows the first two now keep the function's own error.

package main

import (
	"errors"
	"fmt"
	"os"
)

func removeAfter(p string) (err error) {
	defer func() { err = os.Remove(p) }()
	return errors.New("remove after: failed first")
}

func releaseAfter(p string) (err error) {
	defer func() { err = release(p) }()
	return errors.New("release after: failed first")
}

func typedAfter(p string) (err error) {
	defer func() { err = releaseTyped(p) }()
	return nil
}

func main() {
	missing := "/defer-fix-no-such-file"
	fmt.Println(removeAfter(missing) != nil)
	fmt.Println(removeAfter(missing))
	fmt.Println(releaseAfter(missing))
	fmt.Println(typedAfter(missing) == nil)
}

// Output before fix:
// true
// remove /defer-fix-no-such-file: no such file or directory
// <nil>
// false

// Output:
// true
// remove after: failed first
// release after: failed first
// false
