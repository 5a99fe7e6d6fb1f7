package main

type removeErr struct{ path string }

func (e *removeErr) Error() string { return "cannot release " + e.path }

func release(p string) error { return nil }

func releaseTyped(p string) *removeErr { return nil }
