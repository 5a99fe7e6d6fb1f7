package main

import (
	"fmt"
	"os"
)

// fail says why, then ends the process.
func fail(msg string) {
	fmt.Println(msg)
	quit(0)
}

func quit(code int) { os.Exit(code) }

func ok(msg string) { fmt.Println(msg) }
