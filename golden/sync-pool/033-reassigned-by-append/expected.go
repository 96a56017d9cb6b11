// Not rewritten: `buf = append(buf, ...)` reassigns the slice, which may then point to a new
// array (reported).
package neg

import "io"

// Echo reads a chunk of r and writes it to w with a newline.
func Echo(r io.Reader, w io.Writer) error {
	buf := make([]byte, 4096)
	n, err := r.Read(buf)
	if err != nil {
		return err
	}
	buf = append(buf[:n], '\n')
	_, err = w.Write(buf)
	return err
}
