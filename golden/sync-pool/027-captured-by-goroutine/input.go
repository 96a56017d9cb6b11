// Not rewritten: a goroutine captures the buffer and may run after the function returned
// and the buffer went back to the pool (reported).
package neg

import "io"

// Forward reads a chunk of r and writes it to w in the background.
func Forward(r io.Reader, w io.Writer, done chan<- error) error {
	buf := make([]byte, 4096)
	n, err := r.Read(buf)
	if err != nil {
		return err
	}
	go func() {
		_, werr := w.Write(buf[:n])
		done <- werr
	}()
	return nil
}
