// net.Dial then defer conn.Close() before the check: on failure conn is a nil interface and the
// defer panics at once. The branch prints and calls os.Exit (leaves the function): the defer
// moves after the if.
package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	conn, err := net.Dial("tcp", "localhost:7000")
	defer conn.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Fprintf(conn, "HELLO\n")
}
