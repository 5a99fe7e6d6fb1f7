// Case: unlabelled continue of the loop both before and after the defer, plus an inner loop's own continue; expected outcome: fixed safely (form A), this loop's continues become return, the inner loop's continue is untouched.

package main

import "fmt"

type res struct{ name string }

var open, maxOpen int

func acquire(name string) *res {
	open++
	maxOpen = max(maxOpen, open)
	fmt.Println("acquire", name)
	return &res{name: name}
}

func (r *res) Release() {
	open--
	fmt.Println("release", r.name)
}

func useAll(names []string) int {
	used := 0
	for _, name := range names {
		if name == "" {
			fmt.Println("skip empty")
			continue
		}
		r := acquire(name)
		defer r.Release()
		if name[0] == '#' {
			fmt.Println("skip comment", name)
			continue
		}
		letters := 0
		for _, ch := range name {
			if ch == '-' {
				continue
			}
			letters++
		}
		fmt.Println("use", name, "letters:", letters)
		used++
	}
	fmt.Println("loop done, open:", open)
	return used
}

func main() {
	fmt.Println("used:", useAll([]string{"a-b", "", "#x", "c"}))
	fmt.Println("max open:", maxOpen)
}

// Output before fix:
// acquire a-b
// use a-b letters: 2
// skip empty
// acquire #x
// skip comment #x
// acquire c
// use c letters: 1
// loop done, open: 3
// release c
// release #x
// release a-b
// used: 2
// max open: 3

// Output:
// acquire a-b
// use a-b letters: 2
// release a-b
// skip empty
// acquire #x
// skip comment #x
// release #x
// acquire c
// use c letters: 1
// release c
// loop done, open: 0
// used: 2
// max open: 1
