// Leak: (*net.Dialer).DialContext inside a loop body; the connection is never
// closed. The iteration exits through `continue` (error reply, write/read
// failure), `break` (server says BYE) and the end of the body.
// Metric: open = connections the server still has open (it reads until EOF).
package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// sendAll sends every message on its own connection until the server says bye.
func sendAll(ctx context.Context, addr string, msgs []string) (acked int) {
	d := &net.Dialer{Timeout: 2 * time.Second}
	for _, m := range msgs {
		conn, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			fmt.Println("dial:", err)
			continue
		}
		if _, err := fmt.Fprintf(conn, "%s\n", m); err != nil {
			fmt.Println("write:", err)
			continue
		}
		reply, err := bufio.NewReader(conn).ReadString('\n')
		if err != nil {
			fmt.Println("read:", err)
			continue
		}
		reply = strings.TrimSpace(reply)
		if reply == "BYE" {
			break
		}
		if strings.HasPrefix(reply, "ERR ") {
			continue
		}
		acked++
	}
	return acked
}

// server answers every line until the client closes the connection.
type server struct {
	mu    sync.Mutex
	open  int
	total int
}

func (s *server) serve(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.open++
		s.total++
		s.mu.Unlock()
		go s.handle(c)
	}
}

func (s *server) handle(c net.Conn) {
	defer func() {
		c.Close()
		s.mu.Lock()
		s.open--
		s.mu.Unlock()
	}()
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		msg := sc.Text()
		if msg == "quit" {
			fmt.Fprintf(c, "BYE\n")
		} else if strings.HasPrefix(msg, "bad") {
			fmt.Fprintf(c, "ERR cannot handle %q\n", msg)
		} else {
			fmt.Fprintf(c, "PONG %s\n", msg)
		}
	}
}

func (s *server) counts() (open, total int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.open, s.total
}

// settle waits until no connection is open, or at most d.
func (s *server) settle(d time.Duration) int {
	deadline := time.Now().Add(d)
	for {
		open, _ := s.counts()
		if open == 0 || time.Now().After(deadline) {
			return open
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func main() {
	debug.SetGCPercent(-1) // finalizers would close leaked connections and hide the leak
	watchdog := time.AfterFunc(30*time.Second, func() {
		fmt.Fprintln(os.Stderr, "watchdog: giving up")
		os.Exit(3)
	})
	defer watchdog.Stop()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer ln.Close()
	srv := &server{}
	go srv.serve(ln)

	var msgs []string
	for i := 0; i < 25; i++ {
		if i%6 == 5 {
			msgs = append(msgs, fmt.Sprintf("bad-%d", i))
		} else {
			msgs = append(msgs, fmt.Sprintf("hello-%d", i))
		}
	}
	msgs = append(msgs, "quit", "never-sent")
	acked := 0
	for round := 0; round < 3; round++ {
		acked += sendAll(context.Background(), ln.Addr().String(), msgs)
	}
	fmt.Printf("acked=%d\n", acked)

	open := srv.settle(2 * time.Second)
	_, total := srv.counts()
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", open)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC total=%d\n", total)
}
