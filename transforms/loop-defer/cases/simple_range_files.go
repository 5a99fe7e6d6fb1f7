// Case: defer Close inside a range loop over a slice with work after the defer; expected outcome: fixed safely (form A), at most one resource open at a time.

package main

import "fmt"

type file struct{ name string }

var open, maxOpen int

func openFile(name string) *file {
	open++
	maxOpen = max(maxOpen, open)
	fmt.Println("open", name)
	return &file{name: name}
}

func (f *file) Close() {
	open--
	fmt.Println("close", f.name)
}

func (f *file) Size() int { return len(f.name) }

func totalSize(names []string) int {
	total := 0
	for _, name := range names {
		f := openFile(name)
		defer f.Close()
		total += f.Size()
		fmt.Println("read", name, "open now:", open)
	}
	return total
}

func main() {
	total := totalSize([]string{"a", "bb", "ccc"})
	fmt.Println("total:", total)
	fmt.Println("max open:", maxOpen)
	fmt.Println("open at end:", open)
}

// Output before fix:
// open a
// read a open now: 1
// open bb
// read bb open now: 2
// open ccc
// read ccc open now: 3
// close ccc
// close bb
// close a
// total: 6
// max open: 3
// open at end: 0

// Output:
// open a
// read a open now: 1
// close a
// open bb
// read bb open now: 1
// close bb
// open ccc
// read ccc open now: 1
// close ccc
// total: 6
// max open: 1
// open at end: 0
