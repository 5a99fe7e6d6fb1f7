// Case: the go vet httpresponse pattern, `resp, err := http.Get(url)` then `defer resp.Body.Close()` before the check, with blank lines around the defer; expected outcome: fixed safely, no doubled blank line.

package main

import (
	"io"
	"net/http"
)

func fetch(url string) ([]byte, error) {
	resp, err := http.Get(url)

	defer resp.Body.Close()

	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

func head(c *http.Client, url string) (int, error) {
	var resp *http.Response
	var err error
	resp, err = c.Head(url)
	defer resp.Body.Close()
	if nil != err {
		panic(err)
	}
	return resp.StatusCode, nil
}

func main() {
	_, _ = fetch("http://127.0.0.1:0/")
	_, _ = head(http.DefaultClient, "http://127.0.0.1:0/")
}
