package main

// error is this package's error: it carries a code.
type error interface {
	Error() string
	Code() int
}

type codeErr struct{ msg string }

func (e codeErr) Error() string { return e.msg }
func (e codeErr) Code() int     { return 1 }

func wrap(e interface{ Error() string }) error { return codeErr{e.Error()} }
