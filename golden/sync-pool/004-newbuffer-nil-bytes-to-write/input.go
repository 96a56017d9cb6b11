// Form A: `b := bytes.NewBuffer(nil)`; b.Bytes() is only passed to a Write method
// (allowlisted), which does not keep it: pooled.
package emit

import (
	"bytes"
	"io"
)

// Lines writes all lines to w in one Write call.
func Lines(w io.Writer, lines []string) error {
	b := bytes.NewBuffer(nil)
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	_, err := w.Write(b.Bytes())
	return err
}
