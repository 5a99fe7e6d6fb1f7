// Case: leaks the rule reports without a fix: the response passed to a function of the file (which may close it), made in a loop, closed by a defer that an early return skips but that cannot move above another defer, its error discarded or checked after other code or with an else, the value itself discarded, the file's descriptor taken with Fd, a file opened for writing in a function returning an error; expected outcome: each is reported with the reason it is not fixed, and nothing changes.

package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
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

func drain(resp *http.Response) error {
	_, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return err
}

func passed(path string, quick bool) error {
	resp, err := http.Get("http://example.com" + path)
	if err != nil {
		return err
	}
	if quick {
		return nil
	}
	return drain(resp)
}

func inLoop(paths []string) int {
	ok := 0
	for _, p := range paths {
		resp, err := http.Get("http://example.com" + p)
		if err != nil {
			continue
		}
		if resp.StatusCode != http.StatusOK {
			continue
		}
		resp.Body.Close()
		ok++
	}
	return ok
}

func deferBetween(path string) error {
	resp, err := http.Get("http://example.com" + path)
	if err != nil {
		return err
	}
	defer fmt.Println("done with", path)
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	defer resp.Body.Close()
	return nil
}

func unchecked(path string) int {
	resp, _ := http.Get("http://example.com" + path)
	if resp.StatusCode != http.StatusOK {
		return 0
	}
	resp.Body.Close()
	return 1
}

func checkedLater(path string) int {
	resp, err := http.Get("http://example.com" + path)
	fmt.Println("asked for", path)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

func checkedWithElse(path string) int {
	resp, err := http.Get("http://example.com" + path)
	if err != nil {
		return 0
	} else {
		fmt.Println("got", path)
	}
	return resp.StatusCode
}

func discarded(path string) error {
	_, err := http.Get("http://example.com" + path)
	return err
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

func write(name, text string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		return err
	}
	return f.Close()
}

func main() {
	http.DefaultTransport = transport{}
	fmt.Println(passed("/a", false), passed("/b", true))
	fmt.Println(inLoop([]string{"/c", "/missing"}))
	fmt.Println(deferBetween("/d"))
	fmt.Println(unchecked("/e"))
	fmt.Println(checkedLater("/f"))
	fmt.Println(checkedWithElse("/g"))
	fmt.Println(discarded("/h"))
	dir, err := os.MkdirTemp("", "rnr")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "x")
	fmt.Println(write(name, "x"))
	_, err = descriptor(name, true)
	fmt.Println(err)
}

// Output before fix:
// closed /a
// <nil> <nil>
// closed /c
// 1
// closed /d
// done with /d
// <nil>
// closed /e
// 1
// asked for /f
// 200
// got /g
// 200
// <nil>
// <nil>
// <nil>

// Output:
// closed /a
// <nil> <nil>
// closed /c
// 1
// closed /d
// done with /d
// <nil>
// closed /e
// 1
// asked for /f
// 200
// got /g
// 200
// <nil>
// <nil>
// <nil>
