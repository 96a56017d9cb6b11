// The gzip reader and its file are returned together in a struct that closes both: ownership
// leaves the function for both resources.
package gz

import (
	"compress/gzip"
	"os"
)

// File is a decompressing reader over a file.
type File struct {
	*gzip.Reader
	f *os.File
}

// Close closes the reader and the file.
func (g *File) Close() error {
	g.Reader.Close()
	return g.f.Close()
}

// Open opens the .gz file at p.
func Open(p string) (*File, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &File{Reader: zr, f: f}, nil
}
