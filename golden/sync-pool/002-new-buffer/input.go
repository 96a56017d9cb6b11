// Form A: `b := new(bytes.Buffer)` written through fmt.Fprintf (allowlisted) and returned as
// a string copy: pooled.
package kv

import (
	"bytes"
	"fmt"
	"sort"
)

// Format renders m as sorted key=value lines.
func Format(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b := new(bytes.Buffer)
	for _, k := range keys {
		fmt.Fprintf(b, "%s=%d\n", k, m[k])
	}
	return b.String()
}
