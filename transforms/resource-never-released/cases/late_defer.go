// Case: `defer resp.Body.Close()` (and `defer f.Close()`, with its comment) placed after a check that returns early, so that the early return leaves the value open; expected outcome: the defer moves, with the comment line above it, to right after the `if err != nil`, and the early return now releases it too.

package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

type body struct {
	io.Reader
	name string
}

func (b *body) Close() error {
	fmt.Println("closed", b.name)
	return nil
}

type transport struct{}

func (transport) RoundTrip(r *http.Request) (*http.Response, error) {
	code := http.StatusOK
	if strings.HasSuffix(r.URL.Path, "/missing") {
		code = http.StatusNotFound
	}
	b := &body{Reader: strings.NewReader("hello"), name: r.URL.Path}
	return &http.Response{StatusCode: code, Status: http.StatusText(code), Body: b, Request: r}, nil
}

func fetch(path string) (string, error) {
	resp, err := http.Get("http://example.com" + path)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", errors.New(resp.Status)
	}

	defer resp.Body.Close()

	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

func size(name string) (int64, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	// Closed when size returns.
	defer f.Close()
	return st.Size(), nil
}

func main() {
	http.DefaultTransport = transport{}
	fmt.Println(fetch("/ok"))
	fmt.Println(fetch("/missing"))
	name := os.TempDir() + "/rnr-late-defer"
	os.WriteFile(name, []byte("12345"), 0o600)
	defer os.Remove(name)
	fmt.Println(size(name))
}

// Output before fix:
// closed /ok
// hello <nil>
//  Not Found
// 5 <nil>

// Output:
// closed /ok
// hello <nil>
// closed /missing
//  Not Found
// 5 <nil>
