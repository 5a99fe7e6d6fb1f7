//go:build ignore

// A program run with go run gen.go, beside the package: not part of it.
package main

import "os"

func ok(string) { os.Exit(3) }

func main() { ok("") }
