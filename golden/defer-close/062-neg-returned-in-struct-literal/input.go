// The file goes into a struct literal that is returned: the Log owns it and closes it.
package journal

import "os"

// Log is an append-only journal.
type Log struct {
	f    *os.File
	path string
}

// Open opens the journal at p.
func Open(p string) (*Log, error) {
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	return &Log{f: f, path: p}, nil
}

// Close closes the journal.
func (l *Log) Close() error {
	return l.f.Close()
}
