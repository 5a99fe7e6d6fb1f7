// Case: Go 1.26's new(expression) in a loop body, once spread over two lines around a raw string, with a defer in the loop; expected outcome: fixed safely: the body is re-indented, the raw string's second line is not, and new's arguments are kept byte for byte.
// go-version: 1.26

package main

import (
	"fmt"
	"strings"
)

type file struct{ name *string }

var open int

func openFile(s string) *file {
	open++
	return &file{name: new(strings.ToUpper(s))}
}

func (f *file) Close() {
	open--
	fmt.Println("close", *f.name)
}

func main() {
	for _, s := range []string{"a", "b"} {
		f := openFile(s)
		defer f.Close()
		label := new(strings.ToUpper(s))
		banner := new(fmt.Sprintf(`%s:
  %s`, *label, *f.name)) // the raw string's second line keeps its two spaces
		fmt.Println(*banner, "open:", open, *new(len(s) > 0))
	}
	fmt.Println("open after loop:", open)
}

// Output before fix:
// A:
//   A open: 1 true
// B:
//   B open: 2 true
// open after loop: 2
// close B
// close A

// Output:
// A:
//   A open: 1 true
// close A
// B:
//   B open: 1 true
// close B
// open after loop: 0
