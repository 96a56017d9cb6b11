// The value is the first path seen for a case-folded key, not something the key determines:
// forgetting it would miss a later collision. Reported (from cmd/go's foldPath).
package load

import (
	"fmt"
	"strings"
)

var foldPath = make(map[string]string)

// Check reports paths that differ only in case.
func Check(path string) error {
	fold := strings.ToLower(path)
	if other := foldPath[fold]; other == "" {
		foldPath[fold] = path
	} else if other != path {
		return fmt.Errorf("case-insensitive import collision: %q and %q", path, other)
	}
	return nil
}
