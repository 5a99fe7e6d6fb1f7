// Case: exits that skip no defer of their own function, though every deferred call removes a file: before the defer, in the else branch of the if holding the defer, after a branch whose defer returns, in a function whose defers are in a called helper or a function literal, and log.Panic and t.Fatal, which run deferred calls; expected outcome: no findings.

package main

import (
	"log"
	"os"
	"testing"
)

func cleanup() { os.Remove("scratch.txt") }

func exitFirst(fail bool) {
	if fail {
		os.Exit(1)
	}
	defer cleanup()
}

func elseBranch(ok bool) {
	if ok {
		defer cleanup()
	} else {
		log.Fatal("not ok")
	}
}

func returnsFirst(ok bool) {
	if ok {
		defer cleanup()
		return
	}
	os.Exit(1)
}

func helper() {
	defer cleanup()
}

func callsHelper() {
	helper()
	func() {
		defer cleanup()
	}()
	os.Exit(0)
}

func panics() {
	defer cleanup()
	log.Panic("deferred calls run on panic")
}

func inTest(t *testing.T) {
	defer cleanup()
	t.Fatal("runtime.Goexit runs deferred calls")
}

func main() {
	exitFirst(false)
	elseBranch(true)
	returnsFirst(true)
	callsHelper()
	panics()
	_ = inTest
}
