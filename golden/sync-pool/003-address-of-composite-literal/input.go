// Form A: `b := &bytes.Buffer{}` filled by io.Copy (allowlisted) and returned as b.String():
// pooled.
package slurp

import (
	"bytes"
	"io"
)

// ReadString reads r to the end.
func ReadString(r io.Reader) (string, error) {
	b := &bytes.Buffer{}
	if _, err := io.Copy(b, r); err != nil {
		return "", err
	}
	return b.String(), nil
}
