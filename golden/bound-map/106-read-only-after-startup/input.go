// Filled by main before serving (a range over the configuration), then only read.
package main

import (
	"fmt"
	"os"
)

var routes = map[string]string{}

func setup(args []string) {
	for i, a := range args {
		routes[a] = fmt.Sprint(i)
	}
}

func serve(path string) string { return routes[path] }

func main() {
	setup(os.Args)
	fmt.Println(serve("x") == "")
}
