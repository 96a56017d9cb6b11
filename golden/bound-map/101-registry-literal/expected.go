// A registry filled by its literal and only read: nothing grows.
package main

import "fmt"

var codes = map[string]int{"ok": 200, "missing": 404}

func code(name string) int { return codes[name] }

func main() { fmt.Println(code("ok")) }
