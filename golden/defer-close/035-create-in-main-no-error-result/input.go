// A written file in main: there is no error result to report the close error through,
// so a plain defer.
package main

import (
	"fmt"
	"log"
	"os"
)

func main() {
	f, err := os.Create("out.txt")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintln(f, "hello")
}
