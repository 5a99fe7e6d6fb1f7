// Case: log.Fatal, log.Fatalf and log.Fatalln after a defer whose work outlives the process, with the packages imported under other names, in a loop after the defer, and in a function literal that defers and exits itself; expected outcome: each exit call reported, naming the skipped deferred calls and what each leaves undone.

package main

import (
	"bufio"
	stdlog "log"
	sys "os"
)

func write(*bufio.Writer) error { return nil }

func save() {
	f, err := sys.CreateTemp("", "save")
	if err != nil {
		stdlog.Fatal(err)
	}
	defer sys.Remove(f.Name())
	w := bufio.NewWriter(f)
	defer w.Flush()
	if err := write(w); err != nil {
		stdlog.Fatalf("write: %v", err)
	}
}

func loop(items []string) {
	dir, _ := sys.MkdirTemp("", "items")
	defer sys.RemoveAll(dir)
	for _, it := range items {
		if it == "" {
			stdlog.Fatalln("empty item")
		}
	}
}

func literal() {
	go func() {
		w := bufio.NewWriter(sys.Stdout)
		defer func() {
			w.Flush()
		}()
		sys.Exit(3)
	}()
}

func main() {
	save()
	loop(nil)
	literal()
}
