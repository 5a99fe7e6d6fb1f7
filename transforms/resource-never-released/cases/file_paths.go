// Case: files from os.Open left open on an early return (an empty file, a failed read), one of them also closed explicitly in the middle, before it is renamed; next to a file closed on every path, one returned to the caller, and one opened by a function that never returns; expected outcome: the two leaking functions get `defer f.Close()` after the check, the explicit Close before the rename stays (closing again at return only returns os.ErrClosed, which the defer drops); the returned file and the endless reader are not findings; every descriptor is closed once its function returns.

package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
)

// openFiles counts the open descriptors among the first 256: a function that leaves a file
// open raises it.
func openFiles() int {
	n := 0
	for fd := 0; fd < 256; fd++ {
		var st syscall.Stat_t
		if syscall.Fstat(fd, &st) == nil {
			n++
		}
	}
	return n
}

func firstLine(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		return "", fmt.Errorf("%s: empty", filepath.Base(name))
	}
	return sc.Text(), nil
}

func consume(name string) (int, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return 0, err
	}
	if len(b) == 0 {
		return 0, fmt.Errorf("%s: empty", filepath.Base(name))
	}
	f.Close()
	if err := os.Rename(name, name+".done"); err != nil {
		return 0, err
	}
	return len(b), nil
}

// Not findings.
func size(name string) (int64, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return 0, err
	}
	f.Close()
	return st.Size(), nil
}

func open(name string) (*os.File, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	if _, err := f.Stat(); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func follow(name string, lines chan<- string) {
	f, err := os.Open(name)
	if err != nil {
		panic(err)
	}
	r := bufio.NewReader(f)
	for {
		line, err := r.ReadString('\n')
		if err == nil {
			lines <- line
		}
	}
}

func main() {
	dir, err := os.MkdirTemp("", "rnr")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	full, empty := filepath.Join(dir, "full"), filepath.Join(dir, "empty")
	os.WriteFile(full, []byte("one\ntwo\n"), 0o600)
	os.WriteFile(empty, nil, 0o600)
	// The first open sets up what the runtime keeps open for files.
	warm, err := os.Open(full)
	if err != nil {
		panic(err)
	}
	warm.Close()
	for _, name := range []string{full, empty} {
		base := openFiles()
		line, err := firstLine(name)
		fmt.Printf("first line %q %v, left open: %d\n", line, err, openFiles()-base)
		base = openFiles()
		n, err := consume(name)
		fmt.Println("consumed", n, err, "left open:", openFiles()-base)
		base = openFiles()
		n64, err := size(name)
		fmt.Println("size", n64, err != nil, "left open:", openFiles()-base)
	}
	f, err := open(full + ".done")
	fmt.Println("opened", filepath.Base(f.Name()), err)
	f.Close()
	_ = follow
}

// Output before fix:
// first line "one" <nil>, left open: 1
// consumed 8 <nil> left open: 0
// size 0 true left open: 0
// first line "" empty: empty, left open: 1
// consumed 0 empty: empty left open: 1
// size 0 false left open: 0
// opened full.done <nil>

// Output:
// first line "one" <nil>, left open: 0
// consumed 8 <nil> left open: 0
// size 0 true left open: 0
// first line "" empty: empty, left open: 0
// consumed 0 empty: empty left open: 0
// size 0 false left open: 0
// opened full.done <nil>
