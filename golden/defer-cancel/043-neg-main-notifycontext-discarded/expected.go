// func main in package main: the process ends when main returns, so a discarded stop func of
// signal.NotifyContext is left alone.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"time"
)

func main() {
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt)
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			fmt.Println("interrupted")
			return
		case <-time.After(time.Second):
			fmt.Println("tick", i)
		}
	}
}
