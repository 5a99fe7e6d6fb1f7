// Case: an exit inside a deferred call: a deferred literal that calls log.Fatal when its function fails skips the temporary directory's removal deferred before it (moby's setKey), as does a deferred os.Exit; the usual `defer func() { os.Exit(code) }()` deferred first in main skips nothing, and a deferred exit after harmless defers loses nothing; expected outcome: the first two reported, naming the skipped removal.

package main

import (
	"context"
	"fmt"
	"log"
	"os"
)

func setKey() {
	var err error
	dir, err := os.MkdirTemp("", "key")
	if err != nil {
		return
	}
	defer os.RemoveAll(dir)
	defer func() {
		if err != nil {
			log.Fatalf("setKey: %v", err)
		}
	}()
	err = fmt.Errorf("no key in %s", dir)
}

func child() {
	tmp, err := os.CreateTemp("", "child")
	if err != nil {
		return
	}
	defer os.Remove(tmp.Name())
	defer os.Exit(0)
	fmt.Fprintln(tmp, "child")
}

func harmless() {
	_, cancel := context.WithCancel(context.Background())
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			log.Fatal(r)
		}
	}()
}

func main() {
	code := 0
	defer func() { os.Exit(code) }()
	setKey()
	child()
	harmless()
}
