// Leak: http.Get inside a loop body whose error check does not leave the iteration
// (`if err == nil { ... }`); the body is read in part and never closed. Every fifth URL
// points to a closed port, so Get fails there and resp is nil: a release after the if
// statement would panic, the fix must close the body inside the `if err == nil` block.
// Metric: open = connections the server still sees open after the client closed its idle
// connections; failed = fetches that failed.
package main

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// firstLines fetches every URL and returns the first line of each body it got.
func firstLines(urls []string) (lines []string, failed int) {
	for _, u := range urls {
		resp, err := http.Get(u)
		if err == nil {
			line, _ := bufio.NewReader(resp.Body).ReadString('\n')
			lines = append(lines, strings.TrimSpace(line))
		}
	}
	return lines, len(urls) - len(lines)
}

type connCounter struct {
	mu   sync.Mutex
	open int
}

func (c *connCounter) hook(_ net.Conn, st http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch st {
	case http.StateNew:
		c.open++
	case http.StateClosed, http.StateHijacked:
		c.open--
	}
}

// settle waits until no connection is open, or at most d.
func (c *connCounter) settle(d time.Duration) int {
	deadline := time.Now().Add(d)
	for {
		c.mu.Lock()
		open := c.open
		c.mu.Unlock()
		if open == 0 || time.Now().After(deadline) {
			return open
		}
		time.Sleep(10 * time.Millisecond)
	}
}

var padding = strings.Repeat("0123456789abcdef", 4096)

func main() {
	debug.SetGCPercent(-1)
	watchdog := time.AfterFunc(30*time.Second, func() {
		fmt.Fprintln(os.Stderr, "watchdog: giving up")
		os.Exit(3)
	})
	defer watchdog.Stop()

	counter := &connCounter{}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "page %s\n%s", r.URL.Path, padding)
	}))
	srv.Config.ConnState = counter.hook
	srv.Start()
	defer srv.Close()

	// a port nobody listens on: Get fails with "connection refused"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(1)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()

	var urls []string
	for i := 0; i < 60; i++ {
		if i%5 == 4 {
			urls = append(urls, fmt.Sprintf("%s/missing/%d", closed, i))
		} else {
			urls = append(urls, fmt.Sprintf("%s/page/%d", srv.URL, i))
		}
	}

	lines, failed := firstLines(urls)
	fmt.Printf("fetched=%d failed=%d\n", len(lines), failed)
	for _, l := range lines[:3] {
		fmt.Println(l)
	}

	http.DefaultClient.CloseIdleConnections()
	open := counter.settle(2 * time.Second)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", open)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC failed=%d\n", failed)
}
