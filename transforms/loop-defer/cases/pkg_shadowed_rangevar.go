// Case: result type *url.URL spelled inside loop whose range var is named url; does not compile (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

package main

import (
	"fmt"
	"net/url"
)

type res struct{ id int }

func (r *res) Close() { fmt.Println("close", r.id) }

func firstWithHost(urls []*url.URL) (*url.URL, error) {
	for i, url := range urls {
		r := &res{i}
		defer r.Close()
		if url.Host != "" {
			return url, nil
		}
	}
	return nil, fmt.Errorf("none")
}

func main() {
	a, _ := url.Parse("/x")
	b, _ := url.Parse("http://h/p")
	u, err := firstWithHost([]*url.URL{a, b})
	fmt.Println(u, err)
}

// Output before fix:
// close 1
// close 0
// http://h/p <nil>

// Output:
// close 1
// close 0
// http://h/p <nil>
