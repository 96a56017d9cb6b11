// Three functions with make([]byte, N): sizes 4096 and 8192 get a pool each (declared before
// the first function using it); the third function reuses the 4096 pool.
package frames

import "io"

// Small reads one small frame and returns it as a string.
func Small(r io.Reader) (string, error) {
	buf := make([]byte, 4096)
	n, err := r.Read(buf)
	return string(buf[:n]), err
}

// Large reads one large frame and returns it as a string.
func Large(r io.Reader) (string, error) {
	buf := make([]byte, 8192)
	n, err := r.Read(buf)
	return string(buf[:n]), err
}

// Skip discards one small frame and returns its length.
func Skip(r io.Reader) (int, error) {
	buf := make([]byte, 4096)
	return r.Read(buf)
}
