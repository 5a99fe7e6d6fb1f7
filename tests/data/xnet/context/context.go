// Package context is a stand-in for golang.org/x/net/context, so that fixtures importing it
// build without the module proxy. Since Go 1.9 the real package declares its types as aliases
// of the standard library's and its functions call the standard ones, as here.
package context

import (
	"context"
	"time"
)

type Context = context.Context

type CancelFunc = context.CancelFunc

var Canceled = context.Canceled

var DeadlineExceeded = context.DeadlineExceeded

func Background() Context { return context.Background() }

func TODO() Context { return context.TODO() }

func WithCancel(parent Context) (ctx Context, cancel CancelFunc) {
	return context.WithCancel(parent)
}

func WithDeadline(parent Context, d time.Time) (Context, CancelFunc) {
	return context.WithDeadline(parent, d)
}

func WithTimeout(parent Context, timeout time.Duration) (Context, CancelFunc) {
	return context.WithTimeout(parent, timeout)
}

func WithValue(parent Context, key, val interface{}) Context {
	return context.WithValue(parent, key, val)
}
