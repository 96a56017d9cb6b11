// Not rewritten: the buffer is declared inside a loop body (reported).
package neg

import "bytes"

// Lines renders every item with a bullet.
func Lines(items []string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		var b bytes.Buffer
		b.WriteString("* ")
		b.WriteString(it)
		out = append(out, b.String())
	}
	return out
}
