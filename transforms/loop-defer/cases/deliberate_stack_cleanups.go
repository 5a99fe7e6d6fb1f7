// Case: building a list of temp files with the defer cleanup as the last statement of the loop body, deliberately keeping them all until return; expected outcome: not a finding, never rewritten.

package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func countFiles(dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return -1
	}
	return len(entries)
}

func withTemps(dir string, names []string, use func(paths []string)) error {
	var paths []string
	for _, n := range names {
		f, err := os.CreateTemp(dir, n+"-*")
		if err != nil {
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		paths = append(paths, f.Name())
		defer os.Remove(f.Name())
	}
	use(paths)
	return nil
}

func main() {
	dir, err := os.MkdirTemp("", "stack-cleanups")
	if err != nil {
		fmt.Println("mkdir:", err)
		return
	}
	defer os.RemoveAll(dir)
	err = withTemps(dir, []string{"a", "b", "c"}, func(paths []string) {
		for _, p := range paths {
			fmt.Println("have", filepath.Base(p)[:1], "files:", countFiles(dir))
		}
	})
	fmt.Println("err:", err, "files after:", countFiles(dir))
}

// Output before fix:
// have a files: 3
// have b files: 3
// have c files: 3
// err: <nil> files after: 0

// Output:
// have a files: 3
// have b files: 3
// have c files: 3
// err: <nil> files after: 0
