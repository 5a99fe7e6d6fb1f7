package main

type status struct{ msg string }

func (s status) Error() string { return s.msg }

type other struct{}

func (o *other) Close() status { return status{} }

type closeErr struct{}

func (*closeErr) Error() string { return "close failed" }

type handle struct{}

func (h *handle) Close() *closeErr { return nil }

func open() interface{ Close() *closeErr } { return &handle{} }
