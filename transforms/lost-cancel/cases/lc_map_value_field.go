// Case: h := m["x"]; h.ctx = ctx -> stored ctx cancelled (found by an adversarial review); expected outcome: the fix an earlier version applied as safe changed the output; now no safe fix is applied.

// go-version: 1.22

// vet: -lostcancel=false

package main

import (
	"context"
	"fmt"
)

type holder struct{ ctx context.Context }

func viaMap(m map[string]*holder) {
	h := m["x"]
	ctx, _ := context.WithCancel(context.Background())
	h.ctx = ctx
}

func main() {
	m := map[string]*holder{"x": {}}
	viaMap(m)
	fmt.Println("map", m["x"].ctx.Err())
}

// Output before fix:
// map <nil>

// Output:
// map <nil>
