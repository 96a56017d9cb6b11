package main

import (
	"bufio"
	"errors"
	"os"
	"strings"
	"sync/atomic"
)

var openJournals atomic.Int64

// journal is an append-only event log; it owns its file until Close.
type journal struct {
	f      *os.File
	closed bool
}

// openJournal opens the journal at path. The caller must call Close.
func openJournal(path string) (*journal, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	openJournals.Add(1)
	return &journal{f: f}, nil
}

var errCorrupt = errors.New("corrupt journal")

// Count returns the number of events recorded in the journal.
func (j *journal) Count() (int, error) {
	if j.closed {
		return 0, errors.New("journal: use after close")
	}
	n := 0
	sc := bufio.NewScanner(j.f)
	for sc.Scan() {
		if !strings.HasPrefix(sc.Text(), "event ") {
			return n, errCorrupt
		}
		n++
	}
	return n, sc.Err()
}

// Close closes the journal; closing twice is harmless.
func (j *journal) Close() error {
	if j.closed {
		return nil
	}
	j.closed = true
	openJournals.Add(-1)
	return j.f.Close()
}
