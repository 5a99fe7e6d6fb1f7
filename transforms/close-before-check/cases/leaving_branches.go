// Case: error branches that leave the function without a return statement: os.Exit, log.Fatalf, t.Fatal, t.FailNow, panic in a switch default; expected outcome: every defer moved after its check.

package main

import (
	"log"
	"os"
	"testing"
)

type file struct{}

func (*file) Close() error { return nil }

func create(name string) (*file, error) { return &file{}, nil }

func exits() {
	f, err := create("a")
	defer f.Close()
	if err != nil {
		os.Exit(2)
	}
}

func fatal() {
	f, err := create("b")
	defer f.Close()
	if err != nil {
		log.Fatalf("create: %v", err)
	}
}

func helper(t *testing.T) {
	f, err := create("c")
	defer f.Close()
	if err != nil {
		t.Fatal(err)
	}
	g, err := create("d")
	defer g.Close()
	if err != nil {
		t.Log(err)
		t.FailNow()
	}
}

func switched(kind int) {
	f, err := create("e")
	defer f.Close()
	if err != nil {
		switch kind {
		case 0:
			return
		default:
			panic(err)
		}
	}
}

func main() {
	exits()
	fatal()
	switched(1)
	_ = helper
}
