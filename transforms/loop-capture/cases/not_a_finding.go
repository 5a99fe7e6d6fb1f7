// Case: literals that do not capture a loop variable: already copied (`v := v`), passed as an argument, shadowed by a parameter or an inner declaration, only a field name or a struct key, called on the spot, or outside any loop; expected outcome: no finding.

package main

import "fmt"

type pair struct{ v, w int }

func main() {
	for _, v := range []int{1, 2} {
		v := v
		defer func() { fmt.Println("copied", v) }()
	}
	for i := 0; i < 2; i++ {
		defer func(i int) { fmt.Println("argument", i) }(i)
	}
	for _, v := range []int{3, 4} {
		defer func() {
			v := 10
			fmt.Println("inner", v)
		}()
		defer func() {
			p := pair{v: 5}
			fmt.Println("field", p.v, pair{w: 6}.w)
		}()
		_ = v
	}
	for w := 0; w < 2; w++ {
		func() { fmt.Println("on the spot", w) }()
		defer fmt.Println("plain call", w)
	}
	v := 7
	defer func() { fmt.Println("outside", v) }()
}

// Output before fix:
// on the spot 0
// on the spot 1
// outside 7
// plain call 1
// plain call 0
// field 5 6
// inner 10
// field 5 6
// inner 10
// argument 1
// argument 0
// copied 2
// copied 1

// Output:
// on the spot 0
// on the spot 1
// outside 7
// plain call 1
// plain call 0
// field 5 6
// inner 10
// field 5 6
// inner 10
// argument 1
// argument 0
// copied 2
// copied 1
