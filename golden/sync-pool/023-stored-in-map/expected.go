// Not rewritten: buf[:n] is stored in a map (reported).
package neg

import "io"

// Load reads one chunk of r into cache[key].
func Load(cache map[string][]byte, key string, r io.Reader) error {
	buf := make([]byte, 2048)
	n, err := io.ReadFull(r, buf)
	if err != nil && err != io.ErrUnexpectedEOF {
		return err
	}
	cache[key] = buf[:n]
	return nil
}
