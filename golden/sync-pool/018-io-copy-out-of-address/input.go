// io.Copy(w, &b) and io.WriteString(&b, s) are allowlisted; pooled, `&b` becomes `b`.
package flush

import (
	"bytes"
	"io"
)

// Send writes header and body to w through one buffer.
func Send(w io.Writer, header, body string) error {
	var b bytes.Buffer
	io.WriteString(&b, header)
	b.WriteString("\r\n\r\n")
	io.WriteString(&b, body)
	_, err := io.Copy(w, &b)
	return err
}
