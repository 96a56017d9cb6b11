// A comment after the declaration stays on the line that replaces it, not after the
// deferred Put.
package pos

import (
	"bytes"
	"fmt"
	"io"
)

// Greet writes a greeting to w.
func Greet(w io.Writer, name string) error {
	var b bytes.Buffer // a Buffer needs no initialization
	fmt.Fprintf(&b, "hello, %s\n", name)
	_, err := b.WriteTo(w)
	return err
}
