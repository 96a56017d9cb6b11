// os.OpenFile with O_RDONLY is read-only: plain defer, even though the function returns an error.
package peek

import "os"

// Peek returns the first byte of the file at p.
func Peek(p string) (byte, error) {
	f, err := os.OpenFile(p, os.O_RDONLY, 0)
	if err != nil {
		return 0, err
	}
	var b [1]byte
	if _, err := f.Read(b[:]); err != nil {
		return 0, err
	}
	return b[0], nil
}
