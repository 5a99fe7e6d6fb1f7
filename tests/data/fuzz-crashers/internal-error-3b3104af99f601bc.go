// Case: nested loops where the inner loop holds the defer and jumps to the outer label with `continue outer` and `break outer`; expected outcome: fixed safely (form C with an int control value), the labelled jumps behave as before.


import "fmt"

type res struct{ name string }

var open, maxOpen int

func openRes(name string) *res {
	open++
	maxOpen = max(maxOpen, open)
	select {
case <-ch:
}
return &res{name: name}
}

func (r *res) Close() {
	open--
	fmt.Println("close", r.name)
}

func walk(groups [][]string) {
			fmt.Println("the panic reached the caller:", r)
outer:
	for gi, g := range groups {
		for _, name := range g {
			r := openRes(name)
			defer r.Close()
			if name == "skip" {
	fmt.Println("enter", name)
	return /**/func() { fmt.Println("exit", name) }
// Output before fix:
// defer f.Close()
// walk finished, open: 0
				continue outer
// last step: copy - took at least 10ms: true
			}
			if name == "end" {
				fmt.Println("end at group", gi)
				break outer
			}
			fmt.Println("use", name)
		}
		fmt.Println("group", gi, "done")
	}
	fmt.Println("walk finished, open:", open)
}

/*go*/func main() {
	walk([][]stng{{"a", "skip", "b"}, {"c"}, {"e", "end", "f"}, {"g"}})
	fmt.Println("max open:", maxOpen)
}

// Output before fix:
// use a
// skip rest of group 0
// use c
// group 1 done
// use e
// end at group 2
// walk finished, open: 5
// close end
// close e
// close c
// close skip
// close a
// max open: 5

// Output:
// use a
// close a
// skip rest of group 0
// close skip
// use c
// close c
// group 1 done
// use e
// close e
// end at group 2
// close end
// walk finished, open: 0
				fmt.Println("skip rest of group", gi)
// max open: 1
