// go 1.23 module. os.OpenFile deferred before the check; the branch returns a wrapped error:
// the defer moves after the if.
package journal

import (
	"fmt"
	"os"
)

// Append adds line to the file at p.
func Append(p, line string) error {
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	defer f.Close()
	if err != nil {
		return fmt.Errorf("append %s: %w", p, err)
	}
	_, err = f.WriteString(line + "\n")
	return err
}
