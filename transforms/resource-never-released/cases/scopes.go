// Case: the same name declared in several case clauses, and shadowed in an inner block: each `resp` is its own variable; the first clause leaks its body on the bad-status return, the second defers its Close, the third's inner `resp` is another response; expected outcome: the first and third clauses' outer responses get `defer resp.Body.Close()` after their check, the second is not a finding, and every body is closed when the function returns.

package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

type body struct {
	io.Reader
	name   string
	closed bool
}

func (b *body) Close() error {
	if !b.closed {
		fmt.Println("closed", b.name)
	}
	b.closed = true
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

func get(kind int, path string) error {
	switch kind {
	case 0:
		resp, err := http.Get("http://example.com/zero" + path)
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return errors.New(resp.Status)
		}
		resp.Body.Close()
	case 1:
		resp, err := http.Get("http://example.com/one" + path)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return errors.New(resp.Status)
		}
	default:
		resp, err := http.Get("http://example.com/other" + path)
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusOK {
			resp, err := http.Get("http://example.com/inner" + path)
			if err != nil {
				return err
			}
			resp.Body.Close()
			return nil
		}
		resp.Body.Close()
	}
	return nil
}

func main() {
	http.DefaultTransport = transport{}
	for kind := 0; kind < 3; kind++ {
		fmt.Println(get(kind, "/ok"))
		fmt.Println(get(kind, "/missing"))
	}
}

// Output before fix:
// closed /zero/ok
// <nil>
// Not Found
// closed /one/ok
// <nil>
// closed /one/missing
// Not Found
// closed /inner/ok
// <nil>
// closed /other/missing
// <nil>

// Output:
// closed /zero/ok
// <nil>
// closed /zero/missing
// Not Found
// closed /one/ok
// <nil>
// closed /one/missing
// Not Found
// closed /inner/ok
// closed /other/ok
// <nil>
// closed /other/missing
// <nil>
