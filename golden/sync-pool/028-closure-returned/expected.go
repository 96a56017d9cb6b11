// Not rewritten: the returned closure captures the buffer (reported).
package neg

import "io"

// Later reads a chunk of r now and returns a func that writes it later.
func Later(r io.Reader) (func(w io.Writer) error, error) {
	buf := make([]byte, 4096)
	n, err := r.Read(buf)
	if err != nil {
		return nil, err
	}
	return func(w io.Writer) error {
		_, err := w.Write(buf[:n])
		return err
	}, nil
}
