package main

import (
	"errors"
	"fmt"
)

func prepare(fail bool) (string, func(), error) {
	if fail {
		return "", nil, errors.New("no options")
	}
	return "fast", func() { fmt.Println("cleaned up") }, nil
}
