// Not rewritten: `b = bytes.Buffer{}` replaces the buffer (reported).
package neg

import "bytes"

// Last returns the last of the parts.
func Last(parts []string) string {
	var b bytes.Buffer
	for _, p := range parts {
		b = bytes.Buffer{}
		b.WriteString(p)
	}
	return b.String()
}
