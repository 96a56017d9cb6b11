// The file is captured by a closure that is returned: it is used after this function ends.
package chunked

import "os"

// Reader returns a function that reads the next chunk of the file at p.
func Reader(p string, size int) (func() ([]byte, error), error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	return func() ([]byte, error) {
		buf := make([]byte, size)
		n, err := f.Read(buf)
		return buf[:n], err
	}, nil
}
