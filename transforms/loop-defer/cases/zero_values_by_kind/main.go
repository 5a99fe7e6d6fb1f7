// Case: a loop body that returns from a function whose results are of named types: a struct and a basic type declared in another file of the package, a struct of this file, a standard-library interface and struct; expected outcome: a safe fix whose control-value literal returns the zero values a maintainer writes (parser{}, header{}, nil, time.Time{}, 0) instead of *new(T).

package main

import (
	"fmt"
	"net"
	"time"
)

type header struct{ id int }

type res struct{ name string }

func open(name string) *res { return &res{name} }

func (r *res) Close() { fmt.Printf("close %q\n", r.name) }

func find(names []string, want string) (bool, parser, header, net.Conn, time.Time, level, error) {
	for _, name := range names {
		r := open(name)
		defer r.Close()
		if name == "" {
			continue
		}
		if name == want {
			return true, parser{name: r.name}, header{id: len(name)}, nil, time.Time{}, 2, nil
		}
	}
	return false, parser{}, header{}, nil, time.Time{}, 0, nil
}

func main() {
	found, p, h, conn, at, l, err := find([]string{"a", "", "bb", "c"}, "bb")
	fmt.Println(found, p.name, h.id, conn == nil, at.IsZero(), l, err)
}

// Output before fix:
// close "bb"
// close ""
// close "a"
// true bb 2 true true 2 <nil>

// Output:
// close "a"
// close ""
// close "bb"
// true bb 2 true true 2 <nil>
