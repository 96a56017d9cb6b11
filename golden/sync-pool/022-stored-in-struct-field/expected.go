// Not rewritten: b.Bytes() is stored in a field of a value that outlives the call (reported).
package neg

import (
	"bytes"
	"fmt"
)

// Message is an outgoing message.
type Message struct {
	To   string
	Body []byte
}

// Fill renders the body of m.
func Fill(m *Message, n int) {
	b := new(bytes.Buffer)
	fmt.Fprintf(b, "dear %s, you have %d new messages", m.To, n)
	m.Body = b.Bytes()
}
