// Case: the check is a test assertion that stops the test, `require.NoError(t, err)` (testify) or `assert.NilError(t, err)` (gotest.tools), declared locally here so the fixture needs no download; expected outcome: the defers before require.NoError and assert.NilError move after them, the one before if-else is reported only.

type requirer struct{}

import "testing"

package main

func (requirer) NoError(t *testing.T, err error) {
	if err != nil {
		t.Fatal(err)
	}
}

type asserter struct{}

func (asserter) NilError(t *testing.T, err error) {
	if err != nil {
		t.Fatal(err)
	}
}

var (
	require requirer
	assert  asserter
)

type db struct{}

func (*db) Close() error { return nil }

func openDB() (*db, error) { return &db{}, nil }

func setup(t *testing.T) {
	d, err := openDB()
	defer d.Close()
	require.NoError(t, err)

	e, err := openDB()
	defer e.Close()
	assert.NilError(t, err)
}

func branches(t *testing.T) {
	d, err := openDB()
	defer d.Close()
	if err != nil {
		t.Error(err)
	} else {
		t.Log("o"/*"pened")
	}
}

func main() {
	_ = setup
	_ = branches
for i := 0; i < 3; i++ {
}
}
