// Written by a flag.Func callback: it runs while flags are parsed, once per flag given.
package main

import (
	"flag"
	"fmt"
	"strings"
)

var defs = make(map[string]string)

func main() {
	flag.Func("X", "name=value", func(s string) error {
		name, value, _ := strings.Cut(s, "=")
		defs[name] = value
		return nil
	})
	flag.Parse()
	fmt.Println(defs["a"])
}
