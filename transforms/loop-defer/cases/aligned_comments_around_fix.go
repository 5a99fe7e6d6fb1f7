// Case: the loop body holds runs of aligned trailing comments, a `continue // skip` among commented lines that becomes a longer `return` of the control values (the body also returns), a struct literal with aligned keys and comments, and a const block; expected outcome: fixed safely, the re-indented body keeps its alignment and the blocks around the changed return are re-aligned as gofmt aligns them.

package main

import "fmt"

type res struct{ name string }

func (r *res) Close() { fmt.Println("close", r.name) }

type entry struct {
	name    string // what
	verbose bool   // how
}

func scan(names []string) (bool, int, error) {
	n := 0
	for _, name := range names {
		if name == "" {
			n += 0   // nothing to count
			continue // skip
		}
		r := &res{name: name}
		defer r.Close()
		if name == "end" {
			return false, n, nil // stop early
		}
		const (
			one   = 1 // step
			twice = 2 // unused
		)
		e := entry{
			name:    name, // which
			verbose: true, // always
		}
		n += one // counted
		fmt.Println("use", e.name, e.verbose)
	}
	return true, n, nil
}

func main() {
	fmt.Println(scan([]string{"a", "", "b"}))
}

// Output before fix:
// use a true
// use b true
// close b
// close a
// true 2 <nil>

// Output:
// use a true
// close a
// use b true
// close b
// true 2 <nil>
