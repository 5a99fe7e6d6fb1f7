package main

import "sync"

type guarded struct {
	mu sync.Mutex
	n  int
}

func (g *guarded) bump() { g.n++ }

type state struct {
	mu    sync.Mutex
	ticks int
}

type server struct {
	name  string
	state state
}

type node struct {
	mu   sync.Mutex
	next *node
}

type walker struct{ cur *node }

func (w *walker) advance() { w.cur = w.cur.next }
