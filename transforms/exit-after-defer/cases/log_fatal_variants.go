// Case: log.Fatal, log.Fatalf and log.Fatalln after a defer, with the packages imported under other names, in a loop after the defer, and in a function literal that defers and exits itself; expected outcome: each exit call reported, naming the skipped deferred calls.

package main

import (
	stdlog "log"
	sys "os"
)

type file struct{}

func (*file) Close() error { return nil }
func (*file) Flush() error { return nil }

func create() (*file, error) { return &file{}, nil }

func write(*file) error { return nil }

func save() {
	f, err := create()
	if err != nil {
		stdlog.Fatal(err)
	}
	defer f.Close()
	defer f.Flush()
	if err := write(f); err != nil {
		stdlog.Fatalf("write: %v", err)
	}
}

func loop(items []string) {
	f, _ := create()
	defer f.Close()
	for _, it := range items {
		if it == "" {
			stdlog.Fatalln("empty item")
		}
	}
}

func literal() {
	go func() {
		defer func() {
			stdlog.Println("worker done")
		}()
		sys.Exit(3)
	}()
}

func main() {
	save()
	loop(nil)
	literal()
}
