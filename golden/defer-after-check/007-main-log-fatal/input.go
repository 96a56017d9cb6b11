// In main, the error branch ends in log.Fatal, which leaves the function (the process exits):
// the defer before the check moves after it.
package main

import (
	"io"
	"log"
	"os"
)

func main() {
	f, err := os.Open(os.Args[1])
	defer f.Close()
	if err != nil {
		log.Fatal(err)
	}
	if _, err := io.Copy(os.Stdout, f); err != nil {
		log.Print(err)
	}
}
