// A bare ignore directive (no rule list) on the line above the acquisition silences it.
package main

import (
	"log"
	"os"
)

func main() {
	//leakfix:ignore
	f, err := os.Open("/dev/null")
	if err != nil {
		log.Fatal(err)
	}
	log.Println(f.Name())
}
