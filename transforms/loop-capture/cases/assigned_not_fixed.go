// Case: the literal assigns the loop variable, or the body assigns it after the literal is created; a copy would not behave as a per-iteration variable; expected outcome: reported, not fixed.

package main

import "fmt"

func main() {
	for i := 0; i < 6; i++ {
		defer func() {
			i++
			fmt.Println("incremented", i)
		}()
		fmt.Println("created", i)
	}
	for i := 0; i < 4; i++ {
		defer func() { fmt.Println("skipped to", i) }()
		i++
	}
	for _, s := range []string{"a", "b"} {
		defer func() { fmt.Println("changed", s) }()
		s += "!"
	}
}
