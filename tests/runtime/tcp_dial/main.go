// Leak: net.DialTimeout in a request/response helper; the connection is never
// closed, neither on the error-reply return nor on the success return.
// Metric: open = connections the server still has open (it reads until EOF).
package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// ping sends msg on a fresh connection and returns the server's reply.
func ping(addr, msg string) (string, error) {
	conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return "", err
	}
	if _, err := fmt.Fprintf(conn, "%s\n", msg); err != nil {
		return "", err
	}
	reply, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return "", err
	}
	reply = strings.TrimSpace(reply)
	if strings.HasPrefix(reply, "ERR ") {
		return "", errors.New(strings.TrimPrefix(reply, "ERR "))
	}
	return reply, nil
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
		if strings.HasPrefix(msg, "bad") {
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

	pongs, errs := 0, 0
	for i := 0; i < 80; i++ {
		msg := fmt.Sprintf("hello-%d", i)
		if i%6 == 5 {
			msg = fmt.Sprintf("bad-%d", i)
		}
		reply, err := ping(ln.Addr().String(), msg)
		if err != nil {
			errs++
			if errs <= 2 {
				fmt.Println("error:", err)
			}
			continue
		}
		pongs++
		if pongs <= 3 {
			fmt.Println(reply)
		}
	}
	fmt.Printf("pongs=%d errors=%d\n", pongs, errs)

	open := srv.settle(2 * time.Second)
	_, total := srv.counts()
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC open=%d\n", open)
	fmt.Fprintf(os.Stderr, "LEAKFIX-METRIC total=%d\n", total)
}
