// Writable file, unnamed (int, error) results: they become (_ int, retErr error).
package save

import "os"

// Save writes data to p and returns the number of bytes written.
func Save(p string, data []byte) (_ int, retErr error) {
	f, err := os.Create(p)
	if err != nil {
		return 0, err
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && retErr == nil {
			retErr = cerr
		}
	}()
	return f.Write(data)
}
