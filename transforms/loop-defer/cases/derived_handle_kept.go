// Case: each iteration starts a server, defers its Close, and keeps its address in an outer slice that is used after the loop (the etcd test-proxy pattern); expected outcome: unsafe fix only, since closing each server at the end of its iteration would leave the kept addresses dangling.

package main

import "fmt"

var running = map[string]bool{}

type server struct{ URL string }

func start(name string) *server {
	s := &server{URL: "http://" + name}
	running[s.URL] = true
	return s
}

func (s *server) Close() { running[s.URL] = false }

func proxyAll(names []string) {
	var endpoints []string
	var front string
	for _, name := range names {
		srv := start(name)
		defer srv.Close()
		front = srv.URL
		endpoints = append(endpoints, front)
	}
	for _, e := range endpoints {
		fmt.Println(e, "reachable:", running[e])
	}
}

func main() {
	proxyAll([]string{"a", "b"})
}

// Output before fix:
// http://a reachable: true
// http://b reachable: true

// Output:
// http://a reachable: true
// http://b reachable: true
