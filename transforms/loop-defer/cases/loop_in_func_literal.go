// Case: the loop with the defer is inside a func literal assigned to a variable, the literal returns a single error (fmt.Errorf) and the body has a continue; expected outcome: fixed safely (form B, judged on the literal's signature), continue becomes return nil.

package main

import "fmt"

type res struct{ name string }

var open, maxOpen int

func openRes(name string) *res {
	open++
	maxOpen = max(maxOpen, open)
	return &res{name: name}
}

func (r *res) Close() {
	open--
	fmt.Println("close", r.name)
}

func main() {
	check := func(names []string) error {
		for _, name := range names {
			r := openRes(name)
			defer r.Close()
			if name == "skip" {
				continue
			}
			if name == "bad" {
				return fmt.Errorf("bad entry after %d open", open)
			}
			fmt.Println("ok", name, "open:", open)
		}
		fmt.Println("literal loop done, open:", open)
		return nil
	}
	fmt.Println("err:", check([]string{"a", "skip", "b"}))
	fmt.Println("err:", check([]string{"c", "bad", "d"}))
	fmt.Println("max open:", maxOpen)
}

// Output before fix:
// ok a open: 1
// ok b open: 3
// literal loop done, open: 3
// close b
// close skip
// close a
// err: <nil>
// ok c open: 1
// close bad
// close c
// err: bad entry after 2 open
// max open: 3

// Output:
// ok a open: 1
// close a
// close skip
// ok b open: 1
// close b
// literal loop done, open: 0
// err: <nil>
// ok c open: 1
// close c
// close bad
// err: bad entry after 1 open
// max open: 1
