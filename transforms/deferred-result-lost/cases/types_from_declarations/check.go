package main

type parseErr struct{ in string }

func (e *parseErr) Error() string { return "cannot parse " + e.in }

func check(in string) error { return nil }

func checkTyped(in string) *parseErr { return nil }
