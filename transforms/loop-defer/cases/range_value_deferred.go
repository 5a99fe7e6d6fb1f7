// Case: the deferred call uses the range variable (an element of a collection that outlives the loop), with work after the defer; expected outcome: unsafe fix only, since the element may be meant to stay started until the function returns.

package main

import "fmt"

type worker struct {
	name    string
	running bool
}

func (w *worker) Start() { w.running = true }
func (w *worker) Stop()  { w.running = false }

func runAll(ws []*worker) {
	for _, w := range ws {
		w.Start()
		defer w.Stop()
		fmt.Println("started", w.name)
	}
	for _, w := range ws {
		fmt.Println(w.name, "running:", w.running)
	}
}

func main() {
	runAll([]*worker{{name: "a"}, {name: "b"}})
}

// Output before fix:
// started a
// started b
// a running: true
// b running: true

// Output:
// started a
// started b
// a running: true
// b running: true
