// Case: response bodies from http.Get and a client's Get left open on an early return (a bad status, a failed read), next to functions that close the body on every path or defer it right after the check; expected outcome: the two leaking functions get `defer resp.Body.Close()` right after their `if err != nil`, the explicit Close of the second one stays (the message says so), and every body is closed once the function returns; the others are not findings.

package main

import (
	"fmt"
	"io"
	"net/http"
	"strings"
)

// A body that says when it is first closed, and a transport that serves one per request, so
// that the program shows which responses were released (and that a second Close is harmless).
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
	b := &body{Reader: strings.NewReader("hello " + r.URL.Path), name: r.URL.Path}
	return &http.Response{StatusCode: code, Status: http.StatusText(code), Body: b, Request: r}, nil
}

var client = &http.Client{Transport: transport{}}

func status(path string) (int, error) {
	resp, err := http.Get("http://example.com" + path)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s: %s", path, resp.Status)
	}
	return resp.StatusCode, nil
}

func text(path string) (string, error) {
	resp, err := client.Get("http://example.com" + path)
	// The transport never fails here.
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%s: %s", path, resp.Status)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	return string(b), nil
}

// Not findings: closed on every path, or deferred right after the check.
func closedEverywhere(path string) (int, error) {
	resp, err := client.Get("http://example.com" + path)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return 0, fmt.Errorf("%s: %s", path, resp.Status)
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func deferred(path string) (int, error) {
	resp, err := http.DefaultClient.Get("http://example.com" + path)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s: %s", path, resp.Status)
	}
	return resp.StatusCode, nil
}

func main() {
	http.DefaultTransport = transport{}
	for _, p := range []string{"/ok", "/missing"} {
		code, err := status(p)
		fmt.Println("status", code, err)
		s, err := text(p)
		fmt.Printf("text %q %v\n", s, err)
		code, err = closedEverywhere(p)
		fmt.Println("closed everywhere", code, err)
		code, err = deferred(p)
		fmt.Println("deferred", code, err)
	}
}

// Output before fix:
// status 200 <nil>
// closed /ok
// text "hello /ok" <nil>
// closed /ok
// closed everywhere 200 <nil>
// closed /ok
// deferred 200 <nil>
// status 0 /missing: Not Found
// text "" /missing: Not Found
// closed /missing
// closed everywhere 0 /missing: Not Found
// closed /missing
// deferred 0 /missing: Not Found

// Output:
// closed /ok
// status 200 <nil>
// closed /ok
// text "hello /ok" <nil>
// closed /ok
// closed everywhere 200 <nil>
// closed /ok
// deferred 200 <nil>
// closed /missing
// status 0 /missing: Not Found
// closed /missing
// text "" /missing: Not Found
// closed /missing
// closed everywhere 0 /missing: Not Found
// closed /missing
// deferred 0 /missing: Not Found
