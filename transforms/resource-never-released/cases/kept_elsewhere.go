// Case: values that a deferred release would break, each also left open on one early return: a deferred function registered before the call reads the body at return; the body is closed through an alias; a ticker's channel, a file's descriptor and a reader wrapping the file are returned and used by the caller; expected outcome: each is reported without a fix (the value is used before the call, assigned to another variable, returned, its descriptor taken), and the program prints the same before and after: a `defer x.Close()` would make the deferred read fail, close the alias's body twice, stop the caller's ticks, close the caller's descriptor and its reader's file.

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// A body that refuses to be read once closed and says each time it is closed.
type body struct {
	r      io.Reader
	name   string
	closed bool
}

func (b *body) Read(p []byte) (int, error) {
	if b.closed {
		return 0, errors.New("read after close")
	}
	return b.r.Read(p)
}

func (b *body) Close() error {
	fmt.Println("closed", b.name)
	b.closed = true
	return nil
}

type transport struct{}

func (transport) RoundTrip(r *http.Request) (*http.Response, error) {
	b := &body{r: strings.NewReader("hello"), name: r.URL.Path}
	return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Body: b, Request: r}, nil
}

func readAtReturn(path string, skip bool) error {
	var resp *http.Response
	var err error
	defer func() {
		if resp != nil {
			b, err := io.ReadAll(resp.Body)
			fmt.Printf("read at return: %q %v\n", b, err)
		}
	}()
	resp, err = http.Get("http://example.com" + path)
	if err != nil {
		return err
	}
	if skip {
		return nil
	}
	return nil
}

func alias(path string, skip bool) error {
	resp, err := http.Get("http://example.com" + path)
	if err != nil {
		return err
	}
	if skip {
		return errors.New("skipped")
	}
	b := resp.Body
	defer b.Close()
	return nil
}

func ticks(skip bool) <-chan time.Time {
	t := time.NewTicker(time.Millisecond)
	if skip {
		return nil
	}
	return t.C
}

func descriptor(name string, probe bool) (uintptr, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	if probe {
		return 0, nil
	}
	return f.Fd(), nil
}

func reader(name string, probe bool) (*bufio.Reader, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	if probe {
		return nil, nil
	}
	return bufio.NewReader(f), nil
}

func main() {
	http.DefaultTransport = transport{}
	fmt.Println(readAtReturn("/deferred", false))
	fmt.Println(alias("/alias", false))
	select {
	case <-ticks(false):
		fmt.Println("tick")
	case <-time.After(5 * time.Second):
		fmt.Println("no tick")
	}
	dir, err := os.MkdirTemp("", "rnr")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "x")
	os.WriteFile(name, []byte("line\n"), 0o600)
	fd, err := descriptor(name, false)
	var st syscall.Stat_t
	fmt.Println("descriptor open:", err == nil && syscall.Fstat(int(fd), &st) == nil)
	r, err := reader(name, false)
	if err != nil {
		panic(err)
	}
	line, err := r.ReadString('\n')
	fmt.Printf("read %q %v\n", line, err)
}

// Output before fix:
// read at return: "hello" <nil>
// <nil>
// closed /alias
// <nil>
// tick
// descriptor open: true
// read "line\n" <nil>

// Output:
// read at return: "hello" <nil>
// <nil>
// closed /alias
// <nil>
// tick
// descriptor open: true
// read "line\n" <nil>
