// Leak: net.Listen used to find a free port; the listener is never closed, so
// the port and its descriptor stay taken.
// Metric: open = file descriptors still open after all calls.
package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"runtime/debug"
)

// freePort asks the kernel for a free TCP port on the loopback interface.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	addr, ok := ln.Addr().(*net.TCPAddr)
	if !ok {
		return 0, errors.New("not a TCP address")
	}
	return addr.Port, nil
}

func openFDs() int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		fmt.Fprintln(os.Stderr, "read /proc/self/fd:", err)
		os.Exit(2)
	}
	return len(ents)
}

func main() {
	debug.SetGCPercent(-1) // finalizers would close leaked listeners and hide the leak

	// Warm up the network poller so its descriptors are part of the baseline.
	if ln, err := net.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
	}
	base := openFDs()
	valid := 0
	for i := 0; i < 60; i++ {
		port, err := freePort()
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		if port > 0 && port < 65536 {
			valid++
		}
	}
	fmt.Printf("valid ports=%d\n", valid)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", openFDs()-base)
}
