package main

import "sync"

type node struct {
	sync.Mutex
	next *node
}

// chain embeds a pointer: its promoted Lock locks whatever node it points to.
type chain struct{ *node }

func (c *chain) step() { c.node = c.node.next }

type lockPtr = *sync.Mutex

// rotor's lock field is an alias of a pointer, moved by rotate.
type rotor struct {
	mu  lockPtr
	all []*sync.Mutex
	at  int
}

func (r *rotor) rotate() {
	r.at++
	if r.at < len(r.all) {
		r.mu = r.all[r.at]
	}
}

// gate's lock field is an interface: another lock may be put in it.
type gate struct {
	l    sync.Locker
	all  []sync.Locker
	turn int
}

func (g *gate) rotate() {
	g.turn++
	if g.turn < len(g.all) {
		g.l = g.all[g.turn]
	}
}
