// time.Tick in main.main (assigned, and ranged over with a way out): the process ends when
// main returns, so nothing leaks. Silent.
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	n := 0
	for now := range time.Tick(time.Second) {
		fmt.Println(now)
		n++
		if n == 3 {
			break
		}
	}
	c := time.Tick(500 * time.Millisecond)
	for i := 0; i < 3; i++ {
		<-c
		if _, err := os.Stat("done"); err == nil {
			return
		}
	}
}
