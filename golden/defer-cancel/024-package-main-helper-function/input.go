// In package main, only func main is exempt: run is an ordinary function that returns, so
// its discarded cancel func is fixed.
package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"time"
)

func run(addr string) error {
	ctx, _ := context.WithTimeout(context.Background(), 3*time.Second)
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = fmt.Fprintln(conn, "hello")
	return err
}

func main() {
	if err := run("localhost:7000"); err != nil {
		log.Fatal(err)
	}
}
