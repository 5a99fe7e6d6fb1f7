// Case: exits a maintainer triaged for go-critic's exitAfterDefer (docker/cli's `os.Exit(1) //nolint:gocritic // exitAfterDefer: ...`, and the golangci-lint list form with spaces on the line above), and one marked for go vet, which mirrors another of our rules; expected outcome: only the exit marked for go vet is reported.

package main

import (
	"bufio"
	"log"
	"os"
)

func serve(w *bufio.Writer) error { return w.Flush() }

func main() {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	if err := serve(w); err != nil {
		log.Print(err)
		os.Exit(1) //nolint:gocritic // exitAfterDefer: w.Flush() already called by serve
	}
	if len(os.Args) > 2 {
		//nolint:errcheck, GOCRITIC // flushed by serve
		log.Fatal("too many arguments")
	}
	if len(os.Args) > 1 {
		log.Fatal("no arguments expected") //nolint:govet // not the linter that reports this
	}
}
