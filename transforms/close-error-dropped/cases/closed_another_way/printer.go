package main

import "io"

// printer prints a line and closes what it printed to.
type printer struct{}

func (printer) Fprintln(w io.Writer, a ...any) {
	io.WriteString(w, "line\n")
	if c, ok := w.(io.Closer); ok {
		c.Close()
	}
}

// fakeFS creates files whose error result is a concrete type.
type fakeFS struct{}

type pathErr struct{}

func (*pathErr) Error() string { return "create failed" }

type fakeFile struct{ data []byte }

func (f *fakeFile) Write(b []byte) (int, error) { f.data = append(f.data, b...); return len(b), nil }

func (f *fakeFile) Close() error { return nil }

func (fakeFS) Create(p string) (*fakeFile, *pathErr) { return &fakeFile{}, nil }
