// The fix needs `import "sync"`, but the file declares its own top-level `sync` (found by the
// grammar fuzzer): importing the package would redeclare the name and break the build. The
// finding is reported, not fixed.
package render

import (
	"bytes"
	"fmt"
)

// sync flushes nothing; it only takes the name.
func sync() {}

// Greeting formats a greeting for name.
func Greeting(name string) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "hello, %s", name)
	return b.String()
}
