// Package store is a tiny read-only key/value store backed by a file.
// Open hands the file to the returned *Store, which owns it until Release.
package store

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strings"
	"sync/atomic"
)

var open atomic.Int64

// Store reads key=value lines from its file on every lookup.
type Store struct {
	f        *os.File
	released bool
}

// Open opens the store at path. The caller must call Release.
func Open(path string) (*Store, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	open.Add(1)
	return &Store{f: f}, nil
}

// Get looks key up.
func (s *Store) Get(key string) (string, bool, error) {
	if s.released {
		return "", false, errors.New("store: use after release")
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return "", false, err
	}
	sc := bufio.NewScanner(s.f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if ok && k == key {
			return v, true, nil
		}
	}
	return "", false, sc.Err()
}

// Release closes the store; releasing twice is harmless.
func (s *Store) Release() error {
	if s.released {
		return nil
	}
	s.released = true
	open.Add(-1)
	return s.f.Close()
}

// OpenCount reports how many stores are open.
func OpenCount() int64 { return open.Load() }
