// Not rewritten: b.Bytes() goes into a composite literal that leaves the function (reported).
package neg

import "bytes"

// Frame is a length-prefixed payload.
type Frame struct {
	Payload []byte
}

// Build returns a frame holding s twice.
func Build(s string) *Frame {
	var b bytes.Buffer
	b.WriteString(s)
	b.WriteString(s)
	return &Frame{Payload: b.Bytes()}
}
