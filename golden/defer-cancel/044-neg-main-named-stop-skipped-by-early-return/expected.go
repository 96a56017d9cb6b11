// func main in package main: stop is not called on the early return, but the process exits
// when main returns, so nothing is changed.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: wait NAME")
		return
	}
	<-ctx.Done()
	stop()
	fmt.Println("bye", os.Args[1])
}
