// Case: defer r.Close() and defer resp.Body.Close() before the `if err != nil { return ... }` check; expected outcome: fixed safely, the failing call no longer panics.

package main

import (
	"errors"
	"fmt"
)

type resource struct{ name string }

func (r *resource) Close() { fmt.Println("close", r.name) }

func open(name string) (*resource, error) {
	if name == "" {
		return nil, errors.New("empty name")
	}
	return &resource{name: name}, nil
}

type response struct{ Body *resource }

func get(url string) (*response, error) {
	r, err := open(url)
	if err != nil {
		return nil, err
	}
	return &response{Body: r}, nil
}

func use(name string) error {
	r, err := open(name)
	defer r.Close()
	if err != nil {
		return fmt.Errorf("use: %w", err)
	}
	fmt.Println("use", r.name)
	return nil
}

func fetch(url string) (string, error) {
	resp, err := get(url)
	// The body must always be closed.
	defer resp.Body.Close() // even on early returns
	if err != nil {
		return "", err
	}
	return "body of " + resp.Body.name, nil
}

func try(name string) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Println("recovered:", p)
		}
	}()
	fmt.Println("use error:", use(name))
	body, err := fetch(name)
	fmt.Println("fetch:", body, err)
}

func main() {
	try("a")
	try("")
}

// Output before fix:
// use a
// close a
// use error: <nil>
// close a
// fetch: body of a <nil>
// recovered: runtime error: invalid memory address or nil pointer dereference

// Output:
// use a
// close a
// use error: <nil>
// close a
// fetch: body of a <nil>
// use error: use: empty name
// fetch:  empty name
