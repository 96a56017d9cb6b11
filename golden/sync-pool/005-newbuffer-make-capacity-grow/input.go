// Form A: `bytes.NewBuffer(make([]byte, 0, 4096))` asks for a capacity: the pooled buffer
// is Reset and then Grow(4096).
package csvish

import (
	"bytes"
	"strconv"
)

// Row renders the fields as one comma-separated line.
func Row(fields []int) string {
	b := bytes.NewBuffer(make([]byte, 0, 4096))
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(f))
	}
	return b.String()
}
