// Written in main's endless loop (not start-up): it grows. The read elsewhere keeps it reported.
package main

import "fmt"

var byLine = map[string]int{}

func handle(line string) int { return byLine[line] }

func main() {
	lines := make(chan string, 1)
	lines <- "a"
	close(lines)
	for {
		l, ok := <-lines
		if !ok {
			break
		}
		byLine[l] = len(l)
		fmt.Println(handle(l))
	}
}
