// Not rewritten: append(list, buf[:n]) stores the slice itself, not a copy (reported).
package neg

import "io"

// Collect appends the next chunk of r to list.
func Collect(list [][]byte, r io.Reader) ([][]byte, error) {
	buf := make([]byte, 4096)
	n, err := r.Read(buf)
	if err != nil {
		return list, err
	}
	list = append(list, buf[:n])
	return list, nil
}
