// Leak: (*http.Client).Post on a locally built client; the response body is
// never read nor closed, on the rejection return and on the success return.
// Metric: open = connections the server still sees open after the client
// closed its idle connections.
package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

var errRejected = errors.New("rejected")

// submit posts item to base/submit and returns the status code.
func submit(base, item string) (int, error) {
	client := &http.Client{Timeout: 20 * time.Second}
	resp, err := client.Post(base+"/submit", "text/plain", strings.NewReader(item))
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusAccepted {
		return resp.StatusCode, errRejected
	}
	return resp.StatusCode, nil
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

func main() {
	debug.SetGCPercent(-1)
	watchdog := time.AfterFunc(30*time.Second, func() {
		fmt.Fprintln(os.Stderr, "watchdog: giving up")
		os.Exit(3)
	})
	defer watchdog.Stop()

	var mu sync.Mutex
	var accepted []string
	counter := &connCounter{}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		item := string(body)
		if strings.HasPrefix(item, "spam") {
			http.Error(w, "rejected: "+item, http.StatusUnprocessableEntity)
			return
		}
		mu.Lock()
		accepted = append(accepted, item)
		mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprintf(w, "queued %s\n", item)
	}))
	srv.Config.ConnState = counter.hook
	srv.Start()
	defer srv.Close()

	codes := map[int]int{}
	for i := 0; i < 60; i++ {
		item := fmt.Sprintf("order-%d", i)
		if i%5 == 4 {
			item = fmt.Sprintf("spam-%d", i)
		}
		code, err := submit(srv.URL, item)
		codes[code]++
		if err != nil && !errors.Is(err, errRejected) {
			fmt.Println("error:", err)
		}
	}
	mu.Lock()
	fmt.Printf("202=%d 422=%d accepted=%d first=%s last=%s\n", codes[202], codes[422], len(accepted), accepted[0], accepted[len(accepted)-1])
	mu.Unlock()

	http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	open := counter.settle(2 * time.Second)
	_, total := counter.get()
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", open)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC total=%d\n", total)
}
