// Two acquisitions: the log file is kept open for the life of the process on purpose and
// suppressed; the input file leaks and is fixed.
package main

import (
	"io"
	"log"
	"os"
)

func main() {
	//leakfix:ignore defer-close
	logf, err := os.OpenFile("app.log", os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		log.Fatal(err)
	}
	log.SetOutput(logf)
	in, err := os.Open("input.txt")
	if err != nil {
		log.Fatal(err)
	}
	n, err := io.Copy(io.Discard, in)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("read %d bytes", n)
}
