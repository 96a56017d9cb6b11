// Form A: a `var b bytes.Buffer` used only through its methods and returned as b.String(),
// which copies. The buffer comes from a package-level pool (named after the file) and goes
// back when the function returns; sync is imported.
package report

import (
	"bytes"
	"strings"
)

// Join writes every name on its own line.
func Join(names []string) string {
	var b bytes.Buffer
	for _, n := range names {
		b.WriteString(strings.TrimSpace(n))
		b.WriteByte('\n')
	}
	return b.String()
}
