// Not rewritten: b.Bytes() is sent on a channel; the receiver would read recycled memory
// (reported).
package neg

import "bytes"

// Produce sends one rendered record.
func Produce(out chan<- []byte, name string) {
	var b bytes.Buffer
	b.WriteString("record ")
	b.WriteString(name)
	out <- b.Bytes()
}
