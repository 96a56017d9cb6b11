// Leak: (*http.Client).Do inside a loop body (client is a *http.Client
// parameter); the body is never closed. The iteration exits through
// `continue` (404), `break` (410 Gone) and the end of the body, which reads
// only the first line.
// Metric: open = connections the server still sees open after the client
// closed its idle connections.
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

// crawl fetches every path under base until the server answers 410 Gone.
func crawl(client *http.Client, base string, paths []string) (fetched, missing int) {
	for _, p := range paths {
		req, err := http.NewRequest(http.MethodGet, base+p, nil)
		if err != nil {
			fmt.Println("request:", err)
			continue
		}
		req.Header.Set("Accept", "text/plain")
		resp, err := client.Do(req)
		if err != nil {
			fmt.Println("do:", err)
			continue
		}
		if resp.StatusCode == http.StatusNotFound {
			missing++
			continue
		}
		if resp.StatusCode == http.StatusGone {
			fmt.Println("gone at", p)
			break
		}
		line, _ := bufio.NewReader(resp.Body).ReadString('\n')
		fetched++
		if fetched <= 3 {
			fmt.Print(p, " -> ", line)
		}
	}
	return fetched, missing
}

type connCounter struct {
	mu    sync.Mutex
	open  int
	total int
}

func (c *connCounter) hook(_ net.Conn, st http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch st {
	case http.StateNew:
		c.open++
		c.total++
	case http.StateClosed, http.StateHijacked:
		c.open--
	}
}

func (c *connCounter) get() (open, total int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.open, c.total
}

// settle waits until no connection is open, or at most d.
func (c *connCounter) settle(d time.Duration) int {
	deadline := time.Now().Add(d)
	for {
		open, _ := c.get()
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
		switch {
		case r.URL.Path == "/end":
			http.Error(w, "gone", http.StatusGone)
		case strings.HasSuffix(r.URL.Path, "7"):
			http.NotFound(w, r)
		default:
			fmt.Fprintf(w, "item %s\n%s", r.URL.Path, padding)
		}
	}))
	srv.Config.ConnState = counter.hook
	srv.Start()
	defer srv.Close()

	var paths []string
	for i := 0; i < 70; i++ {
		paths = append(paths, fmt.Sprintf("/item/%d", i))
	}
	paths = append(paths, "/end", "/item/after-end")

	client := &http.Client{Timeout: 20 * time.Second}
	fetched, missing := crawl(client, srv.URL, paths)
	fmt.Printf("fetched=%d missing=%d\n", fetched, missing)

	client.CloseIdleConnections()
	open := counter.settle(2 * time.Second)
	_, total := counter.get()
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", open)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC total=%d\n", total)
}
