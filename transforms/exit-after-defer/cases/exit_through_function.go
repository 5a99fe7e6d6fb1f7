// Case: exits through a function of the same file: TestMain's pattern (defer os.RemoveAll(dir), then a helper that calls os.Exit, as x/tools' Main does), a check(err) helper that calls log.Fatal, a chain of two helpers, and a helper whose deferred literal exits; a helper that only logs is no exit; expected outcome: each call of an exiting helper after the defer reported, naming the exit call and its line.

package main

import (
	"fmt"
	"log"
	"os"
)

func Main(code int) {
	fmt.Println("running")
	os.Exit(code)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func mustCheck(err error) { check(err) }

func logOnly(err error) { log.Print(err) }

func finish() {
	var err error
	defer func() {
		if err != nil {
			log.Fatalf("finish: %v", err)
		}
	}()
	err = fmt.Errorf("late")
}

func testMain() {
	dir, err := os.MkdirTemp("", "test")
	check(err)
	defer os.RemoveAll(dir)
	logOnly(err)
	mustCheck(err)
	finish()
	Main(0)
}

func main() {
	testMain()
}
