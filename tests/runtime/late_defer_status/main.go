// Leak: the body's close is deferred after the status check, so every non-200
// response returns with its body open and its connection pinned. leakfix moves
// the defer up to right after the error check.
// Metrics: open = connections the server still sees open after the client
// closed its idle connections (a leaked body pins its connection); failures =
// non-200 responses (the same before and after).
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

// fetchTitle returns the first line of the document at url.
func fetchTitle(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d", resp.StatusCode)
	}
	defer resp.Body.Close()
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(line), nil
}

// connCounter tracks server-side connections through http.Server.ConnState.
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

var padding = strings.Repeat("lorem ipsum dolor sit amet\n", 2000)

func main() {
	debug.SetGCPercent(-1)
	watchdog := time.AfterFunc(30*time.Second, func() {
		fmt.Fprintln(os.Stderr, "watchdog: giving up")
		os.Exit(3)
	})
	defer watchdog.Stop()

	counter := &connCounter{}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/missing/") {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, "Document %s\n%s", strings.TrimPrefix(r.URL.Path, "/doc/"), padding)
	}))
	srv.Config.ConnState = counter.hook
	srv.Start()
	defer srv.Close()

	titles, failures := 0, 0
	for i := 0; i < 60; i++ {
		url := fmt.Sprintf("%s/doc/%d", srv.URL, i)
		if i%4 == 3 {
			url = fmt.Sprintf("%s/missing/%d", srv.URL, i)
		}
		title, err := fetchTitle(url)
		if err != nil {
			failures++
			if failures <= 2 {
				fmt.Println("error:", err)
			}
			continue
		}
		titles++
		if i < 3 {
			fmt.Println(title)
		}
	}
	fmt.Printf("titles=%d failures=%d\n", titles, failures)

	http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	open := counter.settle(2 * time.Second)
	_, total := counter.get()
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", open)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC total=%d\n", total)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC failures=%d\n", failures)
}
