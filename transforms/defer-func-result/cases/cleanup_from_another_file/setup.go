package main

import "fmt"

type release func()

func trace(name string) func() {
	fmt.Println("enter", name)
	return func() { fmt.Println("exit", name) }
}

func lock(name string) release {
	fmt.Println("lock", name)
	return func() { fmt.Println("unlock", name) }
}

func report(name string) func(error) {
	fmt.Println("report", name)
	return func(err error) { fmt.Println("reported", name, err) }
}
