// Case: a `return /* comment */ values` inside the loop body (the comment is the return statement's first child in the tree); expected outcome: safe fix with a control value, the comment kept before the values (a comment there once made the return look bare).

package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func firstNonEmpty(dir string, names []string) (string, error) {
	for _, name := range names {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return "", err
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return "", err
		}
		if info.Size() > 0 {
			return /* the first one wins */ name, nil
		}
	}
	return "", fmt.Errorf("all empty")
}

func main() {
	dir, err := os.MkdirTemp("", "defer-fix-case")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	for name, body := range map[string]string{"a": "", "b": "x", "c": "yy"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			panic(err)
		}
	}
	fmt.Println(firstNonEmpty(dir, []string{"a", "b", "c"}))
	fmt.Println(firstNonEmpty(dir, []string{"a"}))
}

// Output before fix:
// b <nil>
//  all empty

// Output:
// b <nil>
//  all empty
