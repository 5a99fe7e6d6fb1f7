package main

type parser struct{ name string }

type level int
